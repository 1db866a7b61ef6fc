"""What the 童装产业大脑 scene publishes (other scenes meet it only through these names):

- ``industry_brain.order.posted`` (order_id), ``industry_brain.dispatch.planned`` (plan_id),
  ``industry_brain.part.answered`` (part_id, accepted);
- ``industry_brain.batch.opened`` / ``industry_brain.batch.awarded`` (batch_id);
- ``industry_brain.match.accepted`` (match_id, employer_uscc, employer_name, worker_user_id, job_title,
  work_place, start_date, end_date, piece_rate): what a labor contract needs; labor_contract turns it into a
  fixed-term draft for the employer's administrators and tells the worker;
- ``industry_brain.credit.computed`` (region, firms), ``industry_brain.loan.decided`` (loan_id, approved).

It subscribes to none yet.
"""
