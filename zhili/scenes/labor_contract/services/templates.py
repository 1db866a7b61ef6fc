"""Contract templates: the default template and new versions of a template."""


from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from .. import documents
from ..models import ContractTemplate, TemplateVersion


@transaction.atomic
def create_default_template(*, actor=None) -> TemplateVersion:
    """Return the platform's default template version, creating version 1 from the bundled text if absent."""
    template = ContractTemplate.objects.filter(is_default=True).first()
    if template is not None and (version := template.current_version()) is not None:
        return version
    body = documents.default_body()
    documents.check_template_body(body)
    template = template or ContractTemplate.objects.create(name=_("劳动合同（通用）"), is_default=True)
    version = TemplateVersion.objects.create(template=template, number=1, body=body,
                                             basis=documents.DEFAULT_TEMPLATE_BASIS)
    audit.record("labor_contract.template.created", actor=actor, target=version, data={"number": 1})
    return version


@transaction.atomic
def add_template_version(template: ContractTemplate, *, body: str, employer_clauses: str = "", seal_page: int = 0,
                         seal_x=120, seal_y=640, signing_order: str = "worker_first", actor) -> TemplateVersion:
    """Freeze a new version of ``template`` after checking the nine mandatory clauses (Art. 17)."""
    if template.employer is None:
        require(actor, "labor_contract.template.manage_default", template)
    else:
        require(actor, "labor_contract.contract.create", template.employer)
    documents.check_template_body(body)
    last = template.versions.order_by("-number").first()
    version = TemplateVersion.objects.create(
        template=template, number=(last.number + 1) if last else 1, body=body, employer_clauses=employer_clauses,
        seal_page=seal_page, seal_x=seal_x, seal_y=seal_y, signing_order=signing_order, basis=last.basis if last else "")
    audit.record("labor_contract.template.version_added", actor=actor, target=version, data={"number": version.number})
    return version
