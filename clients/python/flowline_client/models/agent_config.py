from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.agent_config_tools_item import AgentConfigToolsItem
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_config_approval import AgentConfigApproval
    from ..models.budget_config import BudgetConfig
    from ..models.notify_target import NotifyTarget


T = TypeVar("T", bound="AgentConfig")


@_attrs_define
class AgentConfig:
    """How an agent answers: its model, instructions, limits and tools.

    Attributes:
        approval (AgentConfigApproval | Unset): Per built-in tool: `never` (default), `always` or `mutating`. An entry
            for a built-in the agent does not have is kept, and applies once the tool is added.
        approval_notify (list[NotifyTarget] | Unset): Where a tool approval is also asked: each `{channel_id, to}` gets
            the request with Approve/Deny buttons (or a reply code and links on SMS and email); the contact's
            `metadata.user_id` names the user who answers (docs/channels.md).
        budget (BudgetConfig | Unset): The agent's monthly spending cap in USD (``null``: none), enforced by
            ``flowline.usage``.
        instructions (str | Unset): The system prompt. Default: ''.
        max_steps (int | Unset): Model calls allowed in one chat turn. Default: 8.
        model (None | str | Unset): A model id (`openai/gpt-4o-mini`); empty: the organisation's default.
        prompt_blocks (list[str] | Unset): Prompt blocks put after the instructions, in this order (docs/context.md).
        skills (list[str] | Unset): Skills assigned to the agent, by name: the model sees each one's name and
            description and loads one with the built-in `load_skill` (docs/skills.md).
        temperature (float | None | Unset):
        tools (list[AgentConfigToolsItem] | Unset): Built-in tools: ask_user, current_time, knowledge_search, kv_get,
            kv_set, load_skill, memory_append, memory_insert, memory_replace, memory_search.
    """

    approval: AgentConfigApproval | Unset = UNSET
    approval_notify: list[NotifyTarget] | Unset = UNSET
    budget: BudgetConfig | Unset = UNSET
    instructions: str | Unset = ""
    max_steps: int | Unset = 8
    model: None | str | Unset = UNSET
    prompt_blocks: list[str] | Unset = UNSET
    skills: list[str] | Unset = UNSET
    temperature: float | None | Unset = UNSET
    tools: list[AgentConfigToolsItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        approval: dict[str, Any] | Unset = UNSET
        if not isinstance(self.approval, Unset):
            approval = self.approval.to_dict()

        approval_notify: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.approval_notify, Unset):
            approval_notify = []
            for approval_notify_item_data in self.approval_notify:
                approval_notify_item = approval_notify_item_data.to_dict()
                approval_notify.append(approval_notify_item)

        budget: dict[str, Any] | Unset = UNSET
        if not isinstance(self.budget, Unset):
            budget = self.budget.to_dict()

        instructions = self.instructions

        max_steps = self.max_steps

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        prompt_blocks: list[str] | Unset = UNSET
        if not isinstance(self.prompt_blocks, Unset):
            prompt_blocks = self.prompt_blocks

        skills: list[str] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        tools: list[str] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.value
                tools.append(tools_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if approval is not UNSET:
            field_dict["approval"] = approval
        if approval_notify is not UNSET:
            field_dict["approval_notify"] = approval_notify
        if budget is not UNSET:
            field_dict["budget"] = budget
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
        from ..models.agent_config_approval import AgentConfigApproval  # noqa: PLC0415
        from ..models.budget_config import BudgetConfig  # noqa: PLC0415
        from ..models.notify_target import NotifyTarget  # noqa: PLC0415

        d = dict(src_dict)
        _approval = d.pop("approval", UNSET)
        approval: AgentConfigApproval | Unset
        if isinstance(_approval, Unset):
            approval = UNSET
        else:
            approval = AgentConfigApproval.from_dict(_approval)

        _approval_notify = d.pop("approval_notify", UNSET)
        approval_notify: list[NotifyTarget] | Unset = UNSET
        if _approval_notify is not UNSET:
            approval_notify = []
            for approval_notify_item_data in _approval_notify:
                approval_notify_item = NotifyTarget.from_dict(approval_notify_item_data)

                approval_notify.append(approval_notify_item)

        _budget = d.pop("budget", UNSET)
        budget: BudgetConfig | Unset
        if isinstance(_budget, Unset):
            budget = UNSET
        else:
            budget = BudgetConfig.from_dict(_budget)

        instructions = d.pop("instructions", UNSET)

        max_steps = d.pop("max_steps", UNSET)

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        prompt_blocks = cast(list[str], d.pop("prompt_blocks", UNSET))

        skills = cast(list[str], d.pop("skills", UNSET))

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        _tools = d.pop("tools", UNSET)
        tools: list[AgentConfigToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = AgentConfigToolsItem(tools_item_data)

                tools.append(tools_item)

        agent_config = cls(
            approval=approval,
            approval_notify=approval_notify,
            budget=budget,
            instructions=instructions,
            max_steps=max_steps,
            model=model,
            prompt_blocks=prompt_blocks,
            skills=skills,
            temperature=temperature,
            tools=tools,
        )

        return agent_config
