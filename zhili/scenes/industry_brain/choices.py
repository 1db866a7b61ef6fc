"""States and kinds of the 童装产业大脑 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class FirmRole(ChoiceSet):
    """What a firm does in the cluster."""

    BRAND = "brand", _("品牌商"), Colour.BLUE
    FACTORY = "factory", _("加工厂"), Colour.BLUE
    SUPPLIER = "supplier", _("面辅料供应商"), Colour.ORANGE
    PRINTER = "printer", _("印花厂"), Colour.BLUE


class Speciality(ChoiceSet):
    KNIT = "knit", _("针织"), Colour.BLUE
    WOVEN = "woven", _("梭织"), Colour.GREEN
    PRINT = "print", _("印花"), Colour.ORANGE
    EMBROIDERY = "embroidery", _("绣花"), Colour.BLUE


class Grade(ChoiceSet):
    """A factory's quality grade (A best); an order names the lowest grade it accepts."""

    A = "1", _("A 级"), Colour.GREEN
    B = "2", _("B 级"), Colour.BLUE
    C = "3", _("C 级"), Colour.YELLOW


class OrderStatus(ChoiceSet):
    POSTED = "posted", _("待派单"), Colour.BLUE
    DISPATCHED = "dispatched", _("已派单"), Colour.BLUE
    IN_PRODUCTION = "in_production", _("生产中"), Colour.ORANGE
    DELIVERED = "delivered", _("已交货"), Colour.GREEN
    CANCELLED = "cancelled", _("已取消"), Colour.GRAY


class PartStatus(ChoiceSet):
    PROPOSED = "proposed", _("待工厂确认"), Colour.BLUE
    ACCEPTED = "accepted", _("已接单"), Colour.ORANGE
    DECLINED = "declined", _("已拒单"), Colour.RED
    DELIVERED = "delivered", _("已交货"), Colour.GREEN


class NeedStatus(ChoiceSet):
    OPEN = "open", _("待归集"), Colour.BLUE
    POOLED = "pooled", _("已归集询价"), Colour.ORANGE
    AWARDED = "awarded", _("已定标"), Colour.GREEN


class BatchStatus(ChoiceSet):
    RFQ = "rfq", _("询价中"), Colour.ORANGE
    AWARDED = "awarded", _("已定标"), Colour.GREEN


class Licence(ChoiceSet):
    FREE = "free", _("免费使用"), Colour.GREEN
    PAID = "paid", _("付费许可"), Colour.BLUE
    EXCLUSIVE = "exclusive", _("独家买断"), Colour.BLUE


class MatchStatus(ChoiceSet):
    PROPOSED = "proposed", _("待对方确认"), Colour.BLUE
    ACCEPTED = "accepted", _("已达成"), Colour.GREEN
    DECLINED = "declined", _("已婉拒"), Colour.GRAY


class LedgerKind(ChoiceSet):
    """What a credit-relevant ledger entry records (the codes of the columnar file: 1–4)."""

    ORDER = "order", _("订单"), Colour.BLUE
    CONTRACT = "contract", _("用工合同"), Colour.BLUE
    DELIVERY = "delivery", _("交货"), Colour.GREEN
    PAYMENT = "payment", _("付款"), Colour.ORANGE


class CreditGrade(ChoiceSet):
    AAA = "AAA", _("优"), Colour.GREEN
    AA = "AA", _("良"), Colour.BLUE
    A = "A", _("中"), Colour.YELLOW
    B = "B", _("关注"), Colour.RED
