"""What the 智慧助残 scene announces: ``disability_aid.suspect.raised`` (``suspect_id``, ``case_id``),
``disability_aid.application.booked`` (``application_id``) and ``disability_aid.certificate.issued``
(``certificate_id``, ``person``, ``category``, ``grade``) — other scenes meet it only through these names.
"""
