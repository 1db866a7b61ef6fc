"""Periodic jobs of the 安薪在线 scene (queued once per slot by ``manage.py run_worker``)."""

PERIODIC_JOBS = []
