"""Pages: upload a file, list batches with progress and counts, download error reports, dataset quality."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from zhili.core.identity.permissions import require, require_or_404
from zhili.core.ui.api import Column, ListPage

from .forms import BatchFilterForm, UploadForm
from .models import Batch
from .queries import quality
from .registry import datasets
from .reports import error_report_csv, error_report_xlsx
from .services import ingest_upload

BATCH_COLUMNS = [
    Column("batch", _("批次"), sort="id"), Column("dataset", _("数据集"), sort="dataset_code"), Column("source", _("来源")),
    Column("status", _("状态"), sort="status"), Column("received", _("收到"), sort="rows_received"),
    Column("accepted", _("接受"), sort="rows_accepted"), Column("rejected", _("拒绝"), sort="rows_rejected"),
    Column("started", _("时间"), sort="started_at"),
]


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
    filter_form = BatchFilterForm(request.GET or None)
    filters = filter_form.filters()
    batches = Batch.objects.all()
    if filters["dataset"]:
        batches = batches.filter(dataset_code=filters["dataset"])
    if filters["status"]:
        batches = batches.filter(status=filters["status"])
    listing = ListPage(request, batches, columns=BATCH_COLUMNS, default_sort="-id", per_page=50)
    names = {code: d.name for code, d in datasets.items()}
    for batch in listing.page:
        batch.dataset_name = names.get(batch.dataset_code, batch.dataset_code)
    return render(request, "datapool/batch_list.html", {"upload_form": form, "form": filter_form, "listing": listing})


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
