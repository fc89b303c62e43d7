"""The coder's dyad rules (components/event_rules.py) on actor references built for the test."""
from dyads.components.event_rules import distinct
from dyads.model.actors import ActorRef


def test_two_sectors_of_one_state_outside_its_organs_are_two_actors():
    def ref(role, name):
        return ActorRef(key="PSE", role=role, name=name, kind="state", code="PSE" + (role or ""))

    gunmen, civilians, police = ref("UAF", "Palestinian gunmen"), ref("CVL", "civilians"), ref("COP", "police")
    assert distinct(gunmen, civilians)  # "Palestinian gunmen killed civilians"
    assert distinct(police, civilians)  # an organ of the state and its people, as before
    assert not distinct(civilians, ref("CVL", "Palestinian civilians"))  # one sector: no dyad
