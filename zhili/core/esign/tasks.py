"""Background tasks (django-tasks) of core.esign."""

from django_tasks import task


@task()
def renew_archive_timestamps() -> dict[str, int]:
    """Renew the archive timestamp of every completed document whose TSA certificate expires soon."""
    from .archive import renew_archive_timestamps as renew

    return renew()
