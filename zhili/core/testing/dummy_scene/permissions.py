from zhili.core.identity.permissions import has_role, rule


@rule("dummy.document.publish")
def can_publish(user, document) -> bool:
    return has_role(user, "officer")
