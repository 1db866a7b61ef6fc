"""Pages: upload a file, list batches with progress and counts, download error reports, dataset quality."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhili.core.identity.permissions import require, require_or_404

from .forms import UploadForm
from .models import Batch
from .queries import quality
from .registry import datasets
from .reports import error_report_csv, error_report_xlsx
from .services import ingest_upload


@login_required
def batch_list(request):
    require(request.user, "datapool.batch.view", None)
    form = UploadForm()
    if request.method == "POST":
        require(request.user, "datapool.batch.ingest", None)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            batch = ingest_upload(form.cleaned_data["dataset_code"], form.cleaned_data["file"], actor=request.user)
            return redirect(batch)
    return render(request, "datapool/batch_list.html", {"form": form, "batches": Batch.objects.all()[:100]})


@login_required
def batch_detail(request, pk: int):
    batch = get_object_or_404(Batch, pk=pk)
    require_or_404(request.user, "datapool.batch.view", batch)
    template = "datapool/batch_progress.html" if request.headers.get("HX-Request") else "datapool/batch_detail.html"
    return render(request, template, {"batch": batch, "errors": batch.errors.all()[:200]})


@login_required
def error_report(request, pk: int, kind: str):
    batch = get_object_or_404(Batch, pk=pk)
    require_or_404(request.user, "datapool.batch.view", batch)
    if kind == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(error_report_xlsx(batch), content_type=content_type)
    else:
        response = HttpResponse(error_report_csv(batch), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="batch-{batch.pk}-errors.{kind}"'
    return response


@login_required
def dataset_quality(request):
    require(request.user, "datapool.batch.view", None)
    return render(request, "datapool/dataset_quality.html", {"figures": [quality(code) for code in datasets]})
