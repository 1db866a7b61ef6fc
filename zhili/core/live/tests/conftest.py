import pytest

from zhili.core.live import api as live


@pytest.fixture
def fresh_hub():
    """A hub of this process's own for the test (local backend), stopped afterwards."""
    hub = live.Hub("local", poll_seconds=0.2)
    previous = live.replace_hub(hub)
    yield hub
    hub.stop()
    live.replace_hub(previous)


@pytest.fixture
def mediator_sun(db):
    from zhili.core.identity.choices import Role
    from zhili.core.testing import personas

    return personas.department_user(role=Role.MEDIATOR, name="孙丽", username="mediator_sun", phone="13800000005")


@pytest.fixture
def room(db, mediator_sun):
    return live.open_channel("test.room:1", actor=mediator_sun, title="测试调解室")
