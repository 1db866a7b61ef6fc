from ninja import Router

router = Router(tags=["劳务派遣监管"])
