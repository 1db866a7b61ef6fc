"""Pages of the 人大代表履职 scene."""

from .cockpit import cockpit, cockpit_data, cockpit_export  # noqa: F401
from .duty import (  # noqa: F401
    activity_detail,
    activity_join,
    activity_list,
    activity_photo,
    draft_detail,
    draft_list,
    duty_record_check,
    duty_records,
    material_detail,
    material_list,
)
from .opinions import (  # noqa: F401
    deputy_entry,
    deputy_home,
    deputy_qr,
    home,
    opinion_detail,
    opinion_grade,
    opinion_list,
    opinion_rate,
    opinion_reply,
    proxy_opinion,
    station_entry,
    station_qr,
)
from .suggestions import (  # noqa: F401
    public_replies,
    public_reply,
    suggestion_act,
    suggestion_detail,
    suggestion_list,
    suggestion_new,
)
from .votes import (  # noqa: F401
    project_act,
    project_detail,
    project_list,
    session_detail,
    session_tally,
    session_verify,
)
