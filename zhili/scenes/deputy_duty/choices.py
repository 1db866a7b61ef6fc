"""States and kinds of the 人大代表履职 scene, with their colours."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import ChoiceSet, Colour


class CongressLevel(ChoiceSet):
    """The four levels of people's congress the scene serves (省、市、县、乡镇)."""

    PROVINCE = "province", _("省级"), Colour.RED
    CITY = "city", _("市级"), Colour.ORANGE
    COUNTY = "county", _("县级"), Colour.BLUE
    TOWNSHIP = "township", _("乡镇级"), Colour.GREEN


class OpinionChannel(ChoiceSet):
    """How an opinion reached the station: the citizen's phone, a station's or deputy's QR code, a deputy's upload."""

    PHONE = "phone", _("手机提交"), Colour.BLUE
    STATION_QR = "station_qr", _("扫联络站码"), Colour.BLUE
    DEPUTY_QR = "deputy_qr", _("扫代表码"), Colour.BLUE
    DEPUTY_UPLOAD = "deputy_upload", _("代表代为录入"), Colour.GRAY


class OpinionCategory(ChoiceSet):
    """The classes a station sorts opinions into (分类)."""

    TRANSPORT = "transport", _("城建交通"), Colour.BLUE
    ENVIRONMENT = "environment", _("生态环境"), Colour.GREEN
    EDUCATION = "education", _("教育文化"), Colour.BLUE
    HEALTH = "health", _("医疗卫生"), Colour.RED
    SOCIAL = "social", _("社会保障"), Colour.ORANGE
    ECONOMY = "economy", _("经济发展"), Colour.YELLOW
    GOVERNANCE = "governance", _("基层治理"), Colour.GRAY
    OTHER = "other", _("其他"), Colour.GRAY


class OpinionStatus(ChoiceSet):
    """Where an opinion stands in the closed loop: 联 → 报 → 办 → 督 → 评."""

    SUBMITTED = "submitted", _("待分级"), Colour.GRAY
    ANSWERED = "answered", _("已当场答复"), Colour.YELLOW
    REFERRED = "referred", _("已交办"), Colour.BLUE
    REPLIED = "replied", _("已答复待评价"), Colour.YELLOW
    REHANDLING = "rehandling", _("重新办理中"), Colour.ORANGE
    CLOSED = "closed", _("已办结"), Colour.GREEN


class Verdict(ChoiceSet):
    """The rating of a reply (满意 / 基本满意 / 不满意); 不满意 sends the opinion back for re-handling."""

    SATISFIED = "satisfied", _("满意"), Colour.GREEN
    BASIC = "basic", _("基本满意"), Colour.YELLOW
    UNSATISFIED = "unsatisfied", _("不满意"), Colour.RED


class RaterKind(ChoiceSet):
    """Who rates a reply: the citizen who gave the opinion, or the deputy who follows it."""

    CITIZEN = "citizen", _("群众"), Colour.BLUE
    DEPUTY = "deputy", _("代表"), Colour.BLUE


class ProjectStatus(ChoiceSet):
    """A livelihood project (民生实事) from collection to evaluation: 群众点单、代表定单、政府买单、人大验单."""

    COLLECTED = "collected", _("征集中"), Colour.GRAY
    CANDIDATE = "candidate", _("候选项目"), Colour.BLUE
    ADOPTED = "adopted", _("票决通过"), Colour.GREEN
    REJECTED = "rejected", _("未获通过"), Colour.RED
    IMPLEMENTING = "implementing", _("实施中"), Colour.ORANGE
    EVALUATED = "evaluated", _("已评估"), Colour.GREEN


class VoteChoice(ChoiceSet):
    """A deputy's vote on one candidate project."""

    FOR = "for", _("赞成"), Colour.GREEN
    AGAINST = "against", _("反对"), Colour.RED
    ABSTAIN = "abstain", _("弃权"), Colour.GRAY


class SuggestionStatus(ChoiceSet):
    """A deputy's suggestion (代表建议): submitted, assigned to a lead unit, answered, evaluated, handled again."""

    DRAFT = "draft", _("草稿（征集附议）"), Colour.GRAY
    SUBMITTED = "submitted", _("已提交待审查"), Colour.BLUE
    ON_AGENDA = "on_agenda", _("议案已列入大会议程"), Colour.GREEN
    NOT_LISTED = "not_listed", _("议案不列入大会议程（已说明）"), Colour.GRAY
    ASSIGNED = "assigned", _("已交办"), Colour.BLUE
    ANSWERED = "answered", _("已答复"), Colour.YELLOW
    REHANDLING = "rehandling", _("重新办理"), Colour.ORANGE
    CLOSED = "closed", _("已办结"), Colour.GREEN


class ProposalKind(ChoiceSet):
    """What a deputy files: a motion (议案, needs the statutory co-signers, decided by the presidium) or a suggestion,
    criticism or opinion (建议, assigned to a unit and answered within the statutory period)."""

    SUGGESTION = "suggestion", _("建议"), Colour.BLUE
    MOTION = "motion", _("议案"), Colour.RED


class MotionDecision(ChoiceSet):
    """The presidium's decision on a motion (主席团决定)."""

    AGENDA = "agenda", _("列入大会议程"), Colour.GREEN
    CONVERT = "convert", _("不作为议案，转作建议办理"), Colour.BLUE
    NOT_LISTED = "not_listed", _("不列入大会议程，向代表说明"), Colour.GRAY


class AnswerClass(ChoiceSet):
    """The class of an answer (答复分类) as the handling rules define it."""

    A = "A", _("A 类：已解决或基本解决"), Colour.GREEN
    B = "B", _("B 类：正在解决或列入计划解决"), Colour.BLUE
    C = "C", _("C 类：因条件限制暂时难以解决"), Colour.ORANGE
    D = "D", _("D 类：留作参考"), Colour.GRAY


class ActivityKind(ChoiceSet):
    """Theme activities a congress office organises for its deputies (主题活动)."""

    INSPECTION = "inspection", _("视察"), Colour.BLUE
    RESEARCH = "research", _("专题调研"), Colour.BLUE
    RECEPTION = "reception", _("进站接待选民"), Colour.GREEN
    TRAINING = "training", _("学习培训"), Colour.YELLOW
    OTHER = "other", _("其他"), Colour.GRAY


class DutyKind(ChoiceSet):
    """What a deputy registers as done (履职登记) outside the scene's own records."""

    MEETING = "meeting", _("参加人代会或常委会会议"), Colour.RED
    INSPECTION = "inspection", _("视察调研"), Colour.BLUE
    CONTACT = "contact", _("联系走访群众"), Colour.GREEN
    STATION = "station", _("进站履职"), Colour.GREEN
    OTHER = "other", _("其他履职"), Colour.GRAY


class RecordStatus(ChoiceSet):
    """A duty registration: counted in the duty score only once the office confirms it."""

    PENDING = "pending", _("待确认"), Colour.YELLOW
    CONFIRMED = "confirmed", _("已确认"), Colour.GREEN
    REJECTED = "rejected", _("未予确认"), Colour.RED
