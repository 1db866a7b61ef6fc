"""Contract templates and their versions, labor contracts, their status history, batch uploads, and the signing
evidence: the contract's PDFs, the worker's steps and intent confirmations, company seals and their placement."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import (
    BatchKind,
    ContractRelation,
    ContractStatus,
    DocumentKind,
    DocumentStage,
    SignatureMethod,
    SigningChannel,
    SigningOrder,
    SigningStepKind,
    TemplateKind,
    TerminationReason,
    TermType,
    WorkingHourSystem,
)


class ContractTemplate(TimeStampedModel):
    """A named contract text: the platform's default (no employer) or an employer's own, kept in versions."""

    name = models.CharField(_("模板名称"), max_length=100)
    employer = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 help_text=_("为空表示平台默认模板，所有用人单位可用"))
    is_default = models.BooleanField(_("平台默认模板"), default=False)
    kind = models.CharField(_("模板类型"), max_length=16, choices=TemplateKind.choices, default=TemplateKind.CONTRACT)

    class Meta:
        verbose_name = _("合同模板")
        verbose_name_plural = _("合同模板")
        constraints = [models.UniqueConstraint(fields=["is_default"], condition=models.Q(is_default=True),
                                               name="labor_contract_one_default_template")]

    def __str__(self):
        return self.name

    def current_version(self) -> "TemplateVersion | None":
        return self.versions.order_by("-number").first()


class TemplateVersion(TimeStampedModel):
    """One frozen text of a template: the HTML body with placeholders, the employer's added clauses, the seal spot.

    The body is a Django template over ``contract``, ``employer`` and ``clauses``; it must mark each of the nine
    mandatory clauses of Labour Contract Law Art. 17 with ``data-clause="<code>"`` (checked on save by the
    service). The seal position is in PDF points from the bottom-left corner of ``seal_page`` (1-based; 0 means
    the last page, the signature page every contract PDF ends with); an employer's own drag-and-drop placement
    (``SealPlacement``) overrides it.
    """

    template = models.ForeignKey(ContractTemplate, verbose_name=_("模板"), on_delete=models.PROTECT,
                                 related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    body = models.TextField(_("合同正文（HTML 模板）"))
    employer_clauses = models.TextField(_("用人单位补充条款"), blank=True)
    basis = models.CharField(_("依据"), max_length=255, blank=True,
                             help_text=_("例如：参照人力资源社会保障部劳动合同（通用）示范文本结构"))
    seal_page = models.PositiveSmallIntegerField(_("盖章页"), default=0, help_text=_("0 表示最后一页（签署页）"))
    seal_x = models.DecimalField(_("盖章位置 X（pt）"), max_digits=7, decimal_places=2, default=120)
    seal_y = models.DecimalField(_("盖章位置 Y（pt）"), max_digits=7, decimal_places=2, default=640)
    signing_order = models.CharField(_("签署顺序"), max_length=16, choices=SigningOrder.choices,
                                     default=SigningOrder.WORKER_FIRST)

    class Meta:
        verbose_name = _("模板版本")
        verbose_name_plural = _("模板版本")
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="labor_contract_template_version")]

    def __str__(self):
        return f"{self.template} v{self.number}"


class SendBatch(TimeStampedModel):
    """One uploaded XLSX/CSV of workers (new contracts) or of existing paper contracts, with its result sheet."""

    employer = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                 related_name="+")
    kind = models.CharField(_("类型"), max_length=24, choices=BatchKind.choices, default=BatchKind.NEW_CONTRACTS)
    file_name = models.CharField(_("上传文件名"), max_length=255)
    total_rows = models.PositiveIntegerField(_("数据行数"), default=0)
    created_count = models.PositiveIntegerField(_("新建"), default=0)
    duplicate_count = models.PositiveIntegerField(_("已存在"), default=0)
    error_count = models.PositiveIntegerField(_("有误"), default=0)
    result_sheet = models.BinaryField(_("结果表（XLSX）"), blank=True, default=b"")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("批量导入")
        verbose_name_plural = _("批量导入")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("labor_contract:batch_detail", args=[self.pk])


class LaborContract(TimeStampedModel):
    """A labor contract between an employer (甲方) and a worker (乙方), from draft to signed or archived.

    The worker's ID number and phone are encrypted with blind indexes; the worker account is linked once a
    person with that ID number or phone logs in. ``idempotency_key`` (employer USCC + worker ID blind index +
    start date) makes a repeated upload or form submission find the contract instead of making a second one.
    """

    number = models.CharField(_("合同编号"), max_length=32, unique=True)
    employer = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                 related_name="+")
    template_version = models.ForeignKey(TemplateVersion, verbose_name=_("合同模板版本"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="contracts")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("劳动者账号"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    worker_name = models.CharField(_("劳动者姓名"), max_length=50)
    worker_id_number = pii.EncryptedTextField(_("劳动者身份证号码"), blind_index_field="worker_id_number_index")
    worker_id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    worker_phone = pii.EncryptedTextField(_("劳动者手机号码"), blind_index_field="worker_phone_index")
    worker_phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    worker_address = models.CharField(_("劳动者住址"), max_length=255, blank=True)
    job_title = models.CharField(_("工作岗位"), max_length=100)
    work_place = models.CharField(_("工作地点"), max_length=255)
    work_region = models.ForeignKey("orgs.Region", verbose_name=_("工作地区划"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    help_text=_("最低工资按劳动合同履行地标准执行；为空时按用人单位所在地"))
    term_type = models.CharField(_("合同期限类型"), max_length=16, choices=TermType.choices)
    start_date = models.DateField(_("合同开始日期"), db_index=True)
    end_date = models.DateField(_("合同终止日期"), null=True, blank=True, db_index=True)
    task_description = models.CharField(_("工作任务"), max_length=255, blank=True)
    probation_months = models.PositiveSmallIntegerField(_("试用期（月）"), default=0)
    probation_end_date = models.DateField(_("试用期截止日期"), null=True, blank=True)
    working_hour_system = models.CharField(_("工时制度"), max_length=16, choices=WorkingHourSystem.choices,
                                           default=WorkingHourSystem.STANDARD)
    monthly_wage = models.DecimalField(_("月工资（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    probation_wage = models.DecimalField(_("试用期月工资（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    host_employer_name = models.CharField(_("用工单位（派遣）"), max_length=200, blank=True)
    host_employer_uscc = models.CharField(_("用工单位统一社会信用代码"), max_length=18, blank=True)
    dispatch_post = models.CharField(_("派遣岗位"), max_length=100, blank=True)
    dispatch_start = models.DateField(_("派遣期限开始"), null=True, blank=True)
    dispatch_end = models.DateField(_("派遣期限结束"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ContractStatus.choices, default=ContractStatus.DRAFT,
                              db_index=True)
    channel = models.CharField(_("签署方式"), max_length=16, choices=SigningChannel.choices,
                               default=SigningChannel.REMOTE)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    sign_url = models.CharField(_("签署短链接"), max_length=300, blank=True,
                                help_text=_("短信与现场二维码使用的签署链接"))
    worker_signed_at = models.DateTimeField(_("劳动者签署时间"), null=True, blank=True)
    employer_signed_at = models.DateTimeField(_("用人单位盖章时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("签订完成时间"), null=True, blank=True)
    signed_on = models.DateField(_("签订日期"), null=True, blank=True,
                                 help_text=_("存量纸质合同的签订日期"))
    reject_reason = models.CharField(_("拒签理由"), max_length=500, blank=True)
    revoke_reason = models.CharField(_("撤回理由"), max_length=500, blank=True)
    batch = models.ForeignKey(SendBatch, verbose_name=_("导入批次"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="contracts")
    idempotency_key = models.CharField(_("去重键"), max_length=120, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    document_kind = models.CharField(_("文书类型"), max_length=16, choices=DocumentKind.choices,
                                     default=DocumentKind.CONTRACT, db_index=True)
    previous_contract = models.ForeignKey("self", verbose_name=_("前一份合同"), null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="successors",
                                          help_text=_("续订、调动的前一份合同，或补充协议所变更的合同"))
    relation = models.CharField(_("与前一份合同的关系"), max_length=16, choices=ContractRelation.choices,
                                default=ContractRelation.NEW)
    amendments = models.JSONField(_("变更内容"), default=list, blank=True,
                                  help_text=_("补充协议变更的条款：[{field, label, old, new}]"))
    sign_deadline = models.DateField(_("签署截止日期"), null=True, blank=True)
    last_invited_at = models.DateTimeField(_("最近一次发送签署短信"), null=True, blank=True)
    ended_on = models.DateField(_("解除或终止日期"), null=True, blank=True)
    end_reason = models.CharField(_("解除或终止原因"), max_length=32, choices=TerminationReason.choices, blank=True)

    class Meta:
        verbose_name = _("劳动合同")
        verbose_name_plural = _("劳动合同")
        ordering = ["-id"]
        indexes = [models.Index(fields=["employer", "status", "start_date"])]

    def __str__(self):
        return f"{self.number} {pii.mask_name(self.worker_name)}"

    def get_absolute_url(self):
        return reverse("labor_contract:detail", args=[self.number])

    @property
    def status_choice(self) -> ContractStatus:
        return ContractStatus(self.status)

    @property
    def masked_id_number(self) -> str:
        return pii.mask_id_number(self.worker_id_number)

    @property
    def masked_phone(self) -> str:
        return pii.mask_phone(self.worker_phone)

    @staticmethod
    def make_idempotency_key(employer_uscc: str, id_number_index: str, start_date) -> str:
        return f"{employer_uscc}:{id_number_index}:{start_date.isoformat()}"


class ContractStatusChange(TimeStampedModel):
    """One step in a contract's history: from which status to which, by whom, and why."""

    contract = models.ForeignKey(LaborContract, verbose_name=_("合同"), on_delete=models.CASCADE,
                                 related_name="status_changes")
    from_status = models.CharField(_("原状态"), max_length=16, choices=ContractStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=ContractStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("合同状态变更")
        verbose_name_plural = _("合同状态变更")
        ordering = ["id"]

    def __str__(self):
        return f"{self.contract_id}: {self.from_status or '-'} → {self.to_status}"


class ContractDocument(TimeStampedModel):
    """One state of a contract's PDF: the rendered text, after the worker's signature, after the seal, completed.

    Each later stage is the earlier file plus an incremental update, so every signature stays verifiable.
    Kept as bytes in the database so that a document and the status change that made it commit together.
    """

    contract = models.ForeignKey(LaborContract, verbose_name=_("合同"), on_delete=models.CASCADE,
                                 related_name="documents")
    stage = models.CharField(_("阶段"), max_length=16, choices=DocumentStage.choices)
    pdf = models.BinaryField(_("PDF 文件"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("字节数"))

    class Meta:
        verbose_name = _("合同文件")
        verbose_name_plural = _("合同文件")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["contract", "stage"], name="labor_contract_one_document_per_stage")]

    def __str__(self):
        return f"{self.contract_id} {self.stage} {self.sha256[:12]}"


class SigningStep(TimeStampedModel):
    """Evidence of one step the worker took before signing: the real-name check or the acknowledged disclosure."""

    contract = models.ForeignKey(LaborContract, verbose_name=_("合同"), on_delete=models.CASCADE,
                                 related_name="signing_steps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("步骤"), max_length=16, choices=SigningStepKind.choices)
    text_sha256 = models.CharField(_("所示文字摘要"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器标识"), max_length=300, blank=True)
    data = models.JSONField(_("附加信息"), default=dict, blank=True)

    class Meta:
        verbose_name = _("签署步骤记录")
        verbose_name_plural = _("签署步骤记录")
        ordering = ["id"]

    def __str__(self):
        return f"{self.contract_id} {self.kind} {self.user_id}"


class IntentConfirmation(TimeStampedModel):
    """A signer's explicit confirmation that they mean to sign this document (意愿确认), used once by a signature.

    It names the SHA-256 of the exact PDF the signer was shown, the time, IP address and browser; a signature
    consumes it, and the signature's evidence (inside the PDF as a signed attribute) names its id.
    """

    contract = models.ForeignKey(LaborContract, verbose_name=_("合同"), on_delete=models.CASCADE,
                                 related_name="intent_confirmations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确认人"), on_delete=models.PROTECT,
                             related_name="+")
    role = models.CharField(_("签署角色"), max_length=16)
    statement = models.CharField(_("确认的声明"), max_length=300)
    document_sha256 = models.CharField(_("所示合同文件摘要"), max_length=64)
    confirmed_at = models.DateTimeField(_("确认时间"))
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器标识"), max_length=300, blank=True)
    consumed_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    signature_method = models.CharField(_("签名方式"), max_length=16, choices=SignatureMethod.choices, blank=True)

    class Meta:
        verbose_name = _("意愿确认")
        verbose_name_plural = _("意愿确认")
        ordering = ["id"]

    def __str__(self):
        return f"{self.contract_id} {self.role} {self.confirmed_at:%Y-%m-%d %H:%M}"


class CompanySeal(TimeStampedModel):
    """An employer's seal image (transparent PNG); the newest active one is applied with the seal certificate."""

    employer = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                 related_name="+")
    image = models.BinaryField(_("印章图片（PNG）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    width_px = models.PositiveIntegerField(_("宽（像素）"))
    height_px = models.PositiveIntegerField(_("高（像素）"))
    is_active = models.BooleanField(_("在用"), default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("电子印章图片")
        verbose_name_plural = _("电子印章图片")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.employer} {self.sha256[:12]}"


class SealPlacement(TimeStampedModel):
    """Where an employer's seal goes on the contracts of one template version (PDF points, bottom-left origin)."""

    employer = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                 related_name="+")
    template_version = models.ForeignKey(TemplateVersion, verbose_name=_("模板版本"), on_delete=models.PROTECT,
                                         related_name="seal_placements")
    page = models.PositiveSmallIntegerField(_("盖章页"), default=0, help_text=_("0 表示最后一页（签署页）"))
    x = models.DecimalField(_("X（pt）"), max_digits=7, decimal_places=2)
    y = models.DecimalField(_("Y（pt）"), max_digits=7, decimal_places=2)
    size = models.DecimalField(_("印章直径（pt）"), max_digits=6, decimal_places=2, default=120)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("设置人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("盖章位置")
        verbose_name_plural = _("盖章位置")
        constraints = [models.UniqueConstraint(fields=["employer", "template_version"],
                                               name="labor_contract_one_placement_per_version")]

    def __str__(self):
        return f"{self.employer} {self.template_version} ({self.x}, {self.y})"


class TerminationCertificate(TimeStampedModel):
    """The certificate of rescission or termination the employer issues when a contract ends (Art. 50).

    States the contract term, the end date, the post and the years of service (LCL-IR Art. 24); the PDF is
    signed with the employer's organisation certificate and its seal image, and the worker may download it.
    """

    contract = models.OneToOneField(LaborContract, verbose_name=_("劳动合同"), on_delete=models.PROTECT,
                                    related_name="termination_certificate")
    number = models.CharField(_("证明编号"), max_length=32, unique=True)
    reason = models.CharField(_("解除或终止原因"), max_length=32, choices=TerminationReason.choices)
    reference = models.CharField(_("法律依据"), max_length=200)
    ended_on = models.DateField(_("解除或终止日期"))
    service_months = models.PositiveIntegerField(_("在本单位工作年限（月）"))
    note = models.CharField(_("说明"), max_length=500, blank=True)
    pdf = models.BinaryField(_("PDF 文件"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    certificate_serial = models.CharField(_("单位证书序列号"), max_length=64, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("出具人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("解除或终止劳动合同证明")
        verbose_name_plural = _("解除或终止劳动合同证明")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.number} {self.contract_id}"


class FilingRecord(TimeStampedModel):
    """劳动用工备案: the filing of a concluded contract, grouped as Zhejiang's exchange standard groups it.

    ``basic`` (employer and worker basic information, the worker's ID number kept only encrypted in its own
    field), ``terms`` (contract terms) and ``signing`` (channel, each party's signing time, certificate
    serials, the document's SHA-256). The primary key is the cursor the bureau's system pulls from.
    """

    contract = models.OneToOneField(LaborContract, verbose_name=_("劳动合同"), on_delete=models.PROTECT,
                                    related_name="filing")
    employer = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                 related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("备案地区划"), on_delete=models.PROTECT, related_name="+")
    worker_id_number = pii.EncryptedTextField(_("劳动者身份证号码"), blind_index_field="worker_id_number_index")
    worker_id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    basic = models.JSONField(_("基本信息"), default=dict)
    terms = models.JSONField(_("合同信息"), default=dict)
    signing = models.JSONField(_("签署信息"), default=dict)

    class Meta:
        verbose_name = _("劳动用工备案")
        verbose_name_plural = _("劳动用工备案")
        ordering = ["id"]

    def __str__(self):
        return f"{self.pk} {self.contract_id}"
