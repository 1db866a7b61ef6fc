"""Form helpers shared by the views of every app."""

from django.core.exceptions import ValidationError


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on ``form``: each message on its field when the form has that field,
    else as a form-wide error (so a rule about, say, the contract's status is not lost)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
