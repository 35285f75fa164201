from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.agent_config_update_tools_type_0_item import AgentConfigUpdateToolsType0Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_config_update_approval_type_0 import AgentConfigUpdateApprovalType0
    from ..models.budget_config import BudgetConfig
    from ..models.notify_target import NotifyTarget


T = TypeVar("T", bound="AgentConfigUpdate")


@_attrs_define
class AgentConfigUpdate:
    """Only the fields sent change; ``null`` resets a field to its default (``model``:
    the organisation's default, ``temperature``: the model's, ``budget``: no cap).

        Attributes:
            approval (AgentConfigUpdateApprovalType0 | None | Unset):
            approval_notify (list[NotifyTarget] | None | Unset):
            budget (BudgetConfig | None | Unset):
            expected_version (int | None | Unset):
            instructions (None | str | Unset):
            max_steps (int | None | Unset):
            model (None | str | Unset):
            prompt_blocks (list[str] | None | Unset):
            skills (list[str] | None | Unset):
            temperature (float | None | Unset):
            tools (list[AgentConfigUpdateToolsType0Item] | None | Unset):
    """

    approval: AgentConfigUpdateApprovalType0 | None | Unset = UNSET
    approval_notify: list[NotifyTarget] | None | Unset = UNSET
    budget: BudgetConfig | None | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    instructions: None | str | Unset = UNSET
    max_steps: int | None | Unset = UNSET
    model: None | str | Unset = UNSET
    prompt_blocks: list[str] | None | Unset = UNSET
    skills: list[str] | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    tools: list[AgentConfigUpdateToolsType0Item] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_config_update_approval_type_0 import AgentConfigUpdateApprovalType0  # noqa: PLC0415
        from ..models.budget_config import BudgetConfig  # noqa: PLC0415

        approval: dict[str, Any] | None | Unset
        if isinstance(self.approval, Unset):
            approval = UNSET
        elif isinstance(self.approval, AgentConfigUpdateApprovalType0):
            approval = self.approval.to_dict()
        else:
            approval = self.approval

        approval_notify: list[dict[str, Any]] | None | Unset
        if isinstance(self.approval_notify, Unset):
            approval_notify = UNSET
        elif isinstance(self.approval_notify, list):
            approval_notify = []
            for approval_notify_type_0_item_data in self.approval_notify:
                approval_notify_type_0_item = approval_notify_type_0_item_data.to_dict()
                approval_notify.append(approval_notify_type_0_item)

        else:
            approval_notify = self.approval_notify

        budget: dict[str, Any] | None | Unset
        if isinstance(self.budget, Unset):
            budget = UNSET
        elif isinstance(self.budget, BudgetConfig):
            budget = self.budget.to_dict()
        else:
            budget = self.budget

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        max_steps: int | None | Unset
        if isinstance(self.max_steps, Unset):
            max_steps = UNSET
        else:
            max_steps = self.max_steps

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        prompt_blocks: list[str] | None | Unset
        if isinstance(self.prompt_blocks, Unset):
            prompt_blocks = UNSET
        elif isinstance(self.prompt_blocks, list):
            prompt_blocks = self.prompt_blocks

        else:
            prompt_blocks = self.prompt_blocks

        skills: list[str] | None | Unset
        if isinstance(self.skills, Unset):
            skills = UNSET
        elif isinstance(self.skills, list):
            skills = self.skills

        else:
            skills = self.skills

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        tools: list[str] | None | Unset
        if isinstance(self.tools, Unset):
            tools = UNSET
        elif isinstance(self.tools, list):
            tools = []
            for tools_type_0_item_data in self.tools:
                tools_type_0_item = tools_type_0_item_data.value
                tools.append(tools_type_0_item)

        else:
            tools = self.tools

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if approval is not UNSET:
            field_dict["approval"] = approval
        if approval_notify is not UNSET:
            field_dict["approval_notify"] = approval_notify
        if budget is not UNSET:
            field_dict["budget"] = budget
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if max_steps is not UNSET:
            field_dict["max_steps"] = max_steps
        if model is not UNSET:
            field_dict["model"] = model
        if prompt_blocks is not UNSET:
            field_dict["prompt_blocks"] = prompt_blocks
        if skills is not UNSET:
            field_dict["skills"] = skills
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if tools is not UNSET:
            field_dict["tools"] = tools

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_config_update_approval_type_0 import AgentConfigUpdateApprovalType0  # noqa: PLC0415
        from ..models.budget_config import BudgetConfig  # noqa: PLC0415
        from ..models.notify_target import NotifyTarget  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_approval(data: object) -> AgentConfigUpdateApprovalType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                approval_type_0 = AgentConfigUpdateApprovalType0.from_dict(data)

                return approval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentConfigUpdateApprovalType0 | None | Unset, data)

        approval = _parse_approval(d.pop("approval", UNSET))

        def _parse_approval_notify(data: object) -> list[NotifyTarget] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                approval_notify_type_0 = []
                _approval_notify_type_0 = data
                for approval_notify_type_0_item_data in _approval_notify_type_0:
                    approval_notify_type_0_item = NotifyTarget.from_dict(approval_notify_type_0_item_data)

                    approval_notify_type_0.append(approval_notify_type_0_item)

                return approval_notify_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[NotifyTarget] | None | Unset, data)

        approval_notify = _parse_approval_notify(d.pop("approval_notify", UNSET))

        def _parse_budget(data: object) -> BudgetConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                budget_type_0 = BudgetConfig.from_dict(data)

                return budget_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BudgetConfig | None | Unset, data)

        budget = _parse_budget(d.pop("budget", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_max_steps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_steps = _parse_max_steps(d.pop("max_steps", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_prompt_blocks(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                prompt_blocks_type_0 = cast(list[str], data)

                return prompt_blocks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        prompt_blocks = _parse_prompt_blocks(d.pop("prompt_blocks", UNSET))

        def _parse_skills(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                skills_type_0 = cast(list[str], data)

                return skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        skills = _parse_skills(d.pop("skills", UNSET))

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        def _parse_tools(data: object) -> list[AgentConfigUpdateToolsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tools_type_0 = []
                _tools_type_0 = data
                for tools_type_0_item_data in _tools_type_0:
                    tools_type_0_item = AgentConfigUpdateToolsType0Item(tools_type_0_item_data)

                    tools_type_0.append(tools_type_0_item)

                return tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AgentConfigUpdateToolsType0Item] | None | Unset, data)

        tools = _parse_tools(d.pop("tools", UNSET))

        agent_config_update = cls(
            approval=approval,
            approval_notify=approval_notify,
            budget=budget,
            expected_version=expected_version,
            instructions=instructions,
            max_steps=max_steps,
            model=model,
            prompt_blocks=prompt_blocks,
            skills=skills,
            temperature=temperature,
            tools=tools,
        )

        return agent_config_update
