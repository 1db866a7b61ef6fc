"""Named people for tests and demos: the same cast everywhere (worker_zhang, hr_li, officer_wang, ...)."""

from zhili.core.identity.choices import Role

from .factories import (
    DepartmentFactory,
    EnterpriseFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_id_number,
)

PASSWORD = "Zhili-pass-2026"  # noqa: S105 (test persona password)


def county():
    return RegionFactory(code="330182", name="建德市")


def town(code="330182001000", name="新安江街道"):
    return RegionFactory(code=code, name=name, level="town", parent=county())


def worker(name="张伟", phone="13800000001", id_number=None, **kwargs):
    user = UserFactory(name=name, phone=phone, id_number=id_number or make_id_number(birth="19900307", sequence=123),
                       **kwargs)
    MembershipFactory(user=user, role=Role.WORKER)
    return user


def employer_admin(enterprise=None, name="李娜", username="hr_li"):
    enterprise = enterprise or EnterpriseFactory(region=county())
    user = UserFactory(name=name, username=username, phone="13800000002")
    MembershipFactory(user=user, role=Role.EMPLOYER_ADMIN, organization=enterprise)
    return user


def department_user(role=Role.OFFICER, name="王芳", username="officer_wang", region=None, phone="13800000003"):
    region = region or county()
    bureau = DepartmentFactory(region=region)
    user = UserFactory(name=name, username=username, phone=phone)
    MembershipFactory(user=user, role=role, organization=bureau, region=region)
    return user
