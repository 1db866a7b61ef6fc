"""States and kinds of the labor contract scene, each with a Chinese label and a colour."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class ContractStatus(ChoiceSet):
    """Where a contract stands: draft → sent → worker_signed (or employer_signed) → completed; or rejected / expired / revoked."""

    DRAFT = "draft", _("草稿"), Colour.GRAY
    SENT = "sent", _("待劳动者签署"), Colour.BLUE
    WORKER_SIGNED = "worker_signed", _("劳动者已签署"), Colour.YELLOW
    EMPLOYER_SIGNED = "employer_signed", _("用人单位已盖章"), Colour.YELLOW
    COMPLETED = "completed", _("已签订"), Colour.GREEN
    REJECTED = "rejected", _("劳动者拒签"), Colour.RED
    EXPIRED = "expired", _("签署已过期"), Colour.ORANGE
    REVOKED = "revoked", _("已撤回"), Colour.GRAY
    EXISTING_PAPER = "existing_paper", _("存量纸质合同"), Colour.GREEN
    RESCINDED = "rescinded", _("已解除"), Colour.GRAY
    TERMINATED = "terminated", _("已终止"), Colour.GRAY


# Contracts that bind the parties (for deadlines, probation-once and open-ended counts).
CONCLUDED_STATUSES = (ContractStatus.COMPLETED, ContractStatus.EXISTING_PAPER)
# Contracts still on their way to a signature (a hire is "unsigned" while its contract is in one of these).
PENDING_STATUSES = (ContractStatus.DRAFT, ContractStatus.SENT, ContractStatus.WORKER_SIGNED,
                    ContractStatus.EMPLOYER_SIGNED)
REVOCABLE_STATUSES = (ContractStatus.DRAFT, ContractStatus.SENT, ContractStatus.EMPLOYER_SIGNED)
# Contracts waiting for the worker: the ones an invitation can be resent for, and that expire unsigned.
AWAITING_WORKER_STATUSES = (ContractStatus.SENT, ContractStatus.EMPLOYER_SIGNED)
ENDED_STATUSES = (ContractStatus.RESCINDED, ContractStatus.TERMINATED)


class TermType(ChoiceSet):
    """The three kinds of term of Labour Contract Law Art. 12."""

    FIXED_TERM = "fixed_term", _("固定期限"), Colour.BLUE
    OPEN_ENDED = "open_ended", _("无固定期限"), Colour.GREEN
    TASK_BASED = "task_based", _("以完成一定工作任务为期限"), Colour.YELLOW


class WorkingHourSystem(ChoiceSet):
    """Working-hour systems (标准工时; 综合计算工时 and 不定时 need the bureau's approval)."""

    STANDARD = "standard", _("标准工时制"), Colour.GREEN
    COMPREHENSIVE = "comprehensive", _("综合计算工时制"), Colour.BLUE
    FLEXIBLE = "flexible", _("不定时工作制"), Colour.YELLOW


class SigningChannel(ChoiceSet):
    """How the worker reaches the contract: the SMS link from anywhere, or a QR code on site."""

    REMOTE = "remote", _("远程签署（短信链接）"), Colour.BLUE
    ON_SITE = "on_site", _("现场签署（扫码）"), Colour.GREEN


class BatchKind(ChoiceSet):
    """What a batch upload carries: new contracts to send, or existing paper contracts to record."""

    NEW_CONTRACTS = "new_contracts", _("新签合同批量导入"), Colour.BLUE
    EXISTING_CONTRACTS = "existing_contracts", _("存量合同录入"), Colour.GREEN


class RowOutcome(ChoiceSet):
    """What happened to one row of a batch."""

    CREATED = "created", _("已创建"), Colour.GREEN
    DUPLICATE = "duplicate", _("已存在，未重复创建"), Colour.GRAY
    ERROR = "error", _("有误，未导入"), Colour.RED
    SAMPLE = "sample", _("模板示例行，已跳过"), Colour.GRAY


class SigningOrder(ChoiceSet):
    """Who signs first; the worker by default, so the employer seals only what the worker has accepted."""

    WORKER_FIRST = "worker_first", _("劳动者先签，用人单位后盖章"), Colour.BLUE
    EMPLOYER_FIRST = "employer_first", _("用人单位先盖章，劳动者后签"), Colour.GREEN


class DocumentStage(ChoiceSet):
    """Which state of a contract's PDF a stored file is."""

    UNSIGNED = "unsigned", _("待签署文本"), Colour.GRAY
    WORKER_SIGNED = "worker_signed", _("劳动者已签名"), Colour.YELLOW
    EMPLOYER_SIGNED = "employer_signed", _("用人单位已盖章"), Colour.YELLOW
    COMPLETED = "completed", _("已签订（长期验证）"), Colour.GREEN
    SCAN = "scan", _("纸质合同扫描件"), Colour.GRAY


class SigningStepKind(ChoiceSet):
    """The worker's steps before signing, each kept as evidence (guideline Art. 6 and 7)."""

    REAL_NAME = "real_name", _("实名核验"), Colour.BLUE
    DISCLOSURE = "disclosure", _("签署须知已确认"), Colour.BLUE


class SignatureMethod(ChoiceSet):
    """How the visible signature was made."""

    DRAWN = "drawn", _("手写签名"), Colour.GREEN
    TYPED = "typed", _("输入姓名"), Colour.BLUE
    SEAL = "seal", _("电子印章"), Colour.RED


class DocumentKind(ChoiceSet):
    """What a signed document is: a labor contract, or a supplementary agreement changing one (Art. 35)."""

    CONTRACT = "contract", _("劳动合同"), Colour.BLUE
    SUPPLEMENTARY = "supplementary", _("劳动合同变更协议"), Colour.YELLOW


class ContractRelation(ChoiceSet):
    """How a document follows an earlier contract (``previous_contract``)."""

    NEW = "new", _("新订立"), Colour.BLUE
    RENEWAL = "renewal", _("续订"), Colour.GREEN
    AMENDMENT = "amendment", _("变更（补充协议）"), Colour.YELLOW
    TRANSFER = "transfer", _("调动（新用人单位）"), Colour.ORANGE


class TerminationReason(ChoiceSet):
    """Why a contract ended; the article of each is dated data in ``rules.TERMINATION_GROUNDS``."""

    MUTUAL_AGREEMENT = "mutual_agreement", _("协商一致解除"), Colour.GRAY
    WORKER_NOTICE = "worker_notice", _("劳动者提前通知解除"), Colour.GRAY
    WORKER_EMPLOYER_FAULT = "worker_employer_fault", _("劳动者因用人单位过错解除"), Colour.RED
    EMPLOYER_WORKER_FAULT = "employer_worker_fault", _("用人单位因劳动者过错解除"), Colour.ORANGE
    EMPLOYER_NO_FAULT = "employer_no_fault", _("用人单位无过失性辞退（提前三十日通知或额外支付一个月工资）"), Colour.ORANGE
    ECONOMIC_LAYOFF = "economic_layoff", _("经济性裁员"), Colour.ORANGE
    TRANSFER = "transfer", _("调动至其他用人单位（协商一致解除）"), Colour.GRAY
    EXPIRY = "expiry", _("劳动合同期满终止"), Colour.GRAY
    PENSION = "pension", _("劳动者开始依法享受基本养老保险待遇"), Colour.GRAY
    DEATH = "death", _("劳动者死亡或被宣告死亡、失踪"), Colour.GRAY
    BANKRUPTCY = "bankruptcy", _("用人单位被依法宣告破产"), Colour.GRAY
    DISSOLUTION = "dissolution", _("用人单位被吊销营业执照、责令关闭、撤销或提前解散"), Colour.GRAY
    OTHER_STATUTORY = "other_statutory", _("法律、行政法规规定的其他情形"), Colour.GRAY


class TemplateKind(ChoiceSet):
    """What a template is for: a labor contract (nine Art. 17 clauses) or a supplementary agreement."""

    CONTRACT = "contract", _("劳动合同"), Colour.BLUE
    SUPPLEMENTARY = "supplementary", _("劳动合同变更协议"), Colour.YELLOW
