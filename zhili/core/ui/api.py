"""What scenes and other core packages may use from core.ui (界面): the shared face of every page.

Templates: ``base/base.html`` is the layout (left menu, top bar, breadcrumbs, toasts); ``{% load ui %}`` gives
``{% badge %}`` (ChoiceSet colours) and ``{% empty_state %}``. Python: ``badge_parts`` and ``text_colour``.
"""

from .badges import badge_parts, text_colour

__all__ = ["badge_parts", "text_colour"]
