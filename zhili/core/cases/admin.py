from django.contrib import admin

from zhili.core.foundation.admin import ReadOnlyAdmin

from .models import AssignmentRule, Case, CaseEvent


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(admin.ModelAdmin):
    list_display = ["case_type", "region", "organization", "assignee", "supervisor", "order", "is_active"]
    list_filter = ["case_type", "is_active"]

    def save_model(self, request, obj, form, change):
        from .services import save_assignment_rule

        save_assignment_rule(obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        return False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "transition", "from_state", "to_state", "actor", "comment", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Read-only: cases change only through the services, which check rights and write the audit log."""

    list_display = ["number", "case_type", "title", "state", "organization", "assignee", "due_at", "closed_at"]
    list_filter = ["case_type", "state", "priority"]
    search_fields = ["number", "title"]
    inlines = [CaseEventInline]
