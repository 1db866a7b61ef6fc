"""JSON API: a department system posts a file to a dataset and reads the batch's figures."""

from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from zhili.core.identity.permissions import require_or_404

from .choices import SourceKind
from .models import Batch
from .services import ingest_upload

router = Router(tags=["数据归集"])


class BatchOut(Schema):
    id: int
    dataset_code: str
    status: str
    rows_received: int
    rows_accepted: int
    rows_rejected: int
    checksum: str
    failure_reason: str


@router.post("/datasets/{dataset_code}/batches", response={201: BatchOut})
def post_batch(request, dataset_code: str, file: UploadedFile = File(...)):
    """Load a file (CSV, XLSX, JSON, JSON Lines) into the dataset; bad rows are reported, not loaded."""
    return 201, ingest_upload(dataset_code, file, actor=request.auth, source_kind=SourceKind.API)


@router.get("/batches/{batch_id}", response=BatchOut)
def get_batch(request, batch_id: int):
    batch = get_object_or_404(Batch, pk=batch_id)
    require_or_404(request.auth, "datapool.batch.view", batch)
    return batch
