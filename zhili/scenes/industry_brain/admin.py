from django.contrib import admin

from .models import Design, Firm, JobMatch, LoanDecision, ProcurementBatch, ProductionOrder


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin):
    list_display = ("organization", "role", "grade", "lines", "monthly_capacity")
    list_filter = ("role", "grade")


@admin.register(ProductionOrder)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("style", "brand", "quantity", "due_date", "status")
    list_filter = ("status",)


for model in (ProcurementBatch, Design, JobMatch, LoanDecision):
    admin.site.register(model)
