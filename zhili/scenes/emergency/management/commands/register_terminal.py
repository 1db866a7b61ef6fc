"""Register (or revoke) an ambulance terminal's API credentials from the command line:
``manage.py register_terminal 浙K·12200急 --organization 缙云县急救指挥中心`` prints the client id and the secret
(once); ``--revoke`` revokes the ambulance's live terminal. The scope follows from the ambulance's device number."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from zhili.core.orgs.api import Organization

from ... import services
from ...models import Ambulance, Terminal


class Command(BaseCommand):
    help = "登记或吊销救护车车载终端的接口凭据（密钥只显示一次）"

    def add_arguments(self, parser):
        parser.add_argument("ambulance", help="车牌号、呼号或车载终端编号")
        parser.add_argument("--organization", default="", help="急救指挥中心（机构名称或编号）")
        parser.add_argument("--revoke", action="store_true", help="吊销该车现有的终端凭据")

    def handle(self, *args, ambulance, organization, revoke, **options):
        found = list(Ambulance.objects.filter(Q(plate=ambulance) | Q(call_sign=ambulance) | Q(device_id=ambulance)))
        if len(found) != 1:
            raise CommandError(f"找不到唯一的救护车：{ambulance}")
        vehicle = found[0]
        try:
            if revoke:
                terminal = Terminal.objects.filter(ambulance=vehicle, revoked_at__isnull=True).first()
                if terminal is None:
                    raise CommandError(f"{vehicle} 没有有效的终端凭据")
                services.revoke_terminal(terminal, actor=None)
                self.stdout.write(f"已吊销 {vehicle} 的终端凭据 {terminal.client.client_id}")
                return
            lookup = Q(name=organization) | (Q(pk=organization) if organization.isdigit() else Q(pk__in=[]))
            centre = Organization.objects.filter(lookup).first() if organization else None
            if centre is None:
                raise CommandError("请用 --organization 指定终端所属的急救指挥中心（机构名称或编号）")
            terminal, secret = services.register_terminal(vehicle, organization=centre, actor=None)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已登记 {vehicle} 的终端凭据（密钥只显示这一次）\n"
                          f"client_id: {terminal.client.client_id}\nclient_secret: {secret}\n"
                          f"scope: {' '.join(terminal.client.scopes)}")
