"""Events of the 碳效码 scene, named by string for other scenes: ``carbon_code.evaluation.completed`` (payload
``evaluation_id``, ``period``) after every evaluation. The code's level changes arrive from core.indicators as
``indicators.level.changed`` with ``system == "carbon_code_grade"``."""
