"""Plain-text pages an outside verifier fetches without an account: the verifier key and the latest checkpoint."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from . import keys, queries


@require_GET
def public_key(request):
    """Serve the checkpoint verifier key (``name+hash+base64``), one line of text."""
    return HttpResponse(keys.verifier_key() + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def checkpoint(request):
    """Serve the latest signed checkpoint note, as a tlog ``checkpoint`` file."""
    latest = queries.latest_checkpoint()
    if latest is None:
        raise Http404("尚无检查点")
    return HttpResponse(latest.note, content_type="text/plain; charset=utf-8")
