"""The ledger's JSON API at /api/v1/ledger/: entries with proofs, proofs, the latest checkpoint, the public key."""

import base64

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from . import keys, queries
from .models import Checkpoint, LedgerEntry

router = Router(tags=["ledger"])


def _b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode()


class InclusionOut(Schema):
    index: int
    tree_size: int
    leaf_hash: str
    root_hash: str
    proof: list[str]


class EntryOut(Schema):
    index: int
    kind: str
    subject_type: str
    subject_id: str
    digest: str
    actor: str
    recorded_at: str
    record: str
    inclusion: InclusionOut


class ConsistencyOut(Schema):
    first: int
    second: int
    first_root: str
    second_root: str
    proof: list[str]


class CheckpointOut(Schema):
    tree_size: int
    root_hash: str
    note: str
    anchor_status: str
    timestamp_token: str | None
    created_at: str


class PublicKeyOut(Schema):
    origin: str
    verifier_key: str
    algorithm: str


def _checkpoint_out(checkpoint: Checkpoint) -> dict:
    token = checkpoint.timestamp_token
    return {"tree_size": checkpoint.tree_size, "root_hash": _b64(checkpoint.root_hash), "note": checkpoint.note,
            "anchor_status": checkpoint.anchor_status, "timestamp_token": _b64(token) if token else None,
            "created_at": checkpoint.created_at.isoformat()}


def _inclusion(entry: LedgerEntry, tree_size: int | None) -> dict:
    size = queries.tree_size() if tree_size is None else tree_size
    proof = queries.inclusion_proof(entry.index, size)
    return {"index": entry.index, "tree_size": size, "leaf_hash": _b64(entry.leaf_hash),
            "root_hash": _b64(queries.root(size)), "proof": [_b64(p) for p in proof]}


@router.get("/entries/{index}", response=EntryOut, summary="一条存证记录及其包含证明")
def get_entry(request, index: int, tree_size: int | None = None):
    entry = get_object_or_404(LedgerEntry, index=index)
    return {
        "index": entry.index, "kind": entry.kind, "subject_type": entry.subject_type,
        "subject_id": entry.subject_id, "digest": entry.digest, "actor": entry.actor_label,
        "recorded_at": entry.recorded_at.isoformat(), "record": entry.record,
        "inclusion": _inclusion(entry, tree_size),
    }


@router.get("/proof/inclusion", response=InclusionOut, summary="包含证明（RFC 9162）")
def get_inclusion_proof(request, index: int, tree_size: int | None = None):
    entry = LedgerEntry.objects.filter(index=index).first()
    if entry is None:
        raise ValidationError({"index": f"记录序号 {index} 不存在"})
    return _inclusion(entry, tree_size)


@router.get("/proof/consistency", response=ConsistencyOut, summary="一致性证明（RFC 9162）")
def get_consistency_proof(request, first: int, second: int | None = None):
    size = queries.tree_size()
    second = size if second is None else second
    if not 0 <= second <= size:
        raise ValidationError({"second": f"新树大小须为 0 至 {size} 之间的整数"})
    if not 0 <= first <= second:
        raise ValidationError({"first": f"旧树大小须为 0 至 {second} 之间的整数"})
    proof = queries.consistency_proof(first, second)
    return {"first": first, "second": second, "first_root": _b64(queries.root(first)),
            "second_root": _b64(queries.root(second)), "proof": [_b64(p) for p in proof]}


@router.get("/checkpoint", response={200: CheckpointOut, 404: dict}, summary="最新的签名检查点")
def get_checkpoint(request):
    checkpoint: Checkpoint | None = queries.latest_checkpoint()
    if checkpoint is None:
        return Status(404, {"detail": "尚无检查点"})
    return Status(200, _checkpoint_out(checkpoint))


@router.post("/checkpoint", response=CheckpointOut, summary="立即签发检查点（覆盖到目前为止的全部记录）")
def post_checkpoint(request):
    """Sign a checkpoint of the tree as it stands now, at once (otherwise the minute job does it); the same
    checkpoint comes back while no entry was added since. Anchoring with the TSA follows the commit."""
    from .services import make_checkpoint

    return _checkpoint_out(make_checkpoint(actor=request.auth))


@router.get("/public-key", response=PublicKeyOut, summary="检查点验证公钥（C2SP signed-note 格式）")
def get_public_key(request):
    return {"origin": keys.origin(), "verifier_key": keys.verifier_key(), "algorithm": "Ed25519"}
