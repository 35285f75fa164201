"""Contains all the data models used in inputs/outputs"""

from .action_item import ActionItem
from .active_call import ActiveCall
from .active_set import ActiveSet
from .add_documents_files_body import AddDocumentsFilesBody
from .add_documents_files_body_metadata import AddDocumentsFilesBodyMetadata
from .add_documents_json_document_add import AddDocumentsJsonDocumentAdd
from .add_documents_json_document_add_metadata import AddDocumentsJsonDocumentAddMetadata
from .agent_config import AgentConfig
from .agent_config_approval import AgentConfigApproval
from .agent_config_approval_additional_property import AgentConfigApprovalAdditionalProperty
from .agent_config_read import AgentConfigRead
from .agent_config_read_approval import AgentConfigReadApproval
from .agent_config_read_approval_additional_property import AgentConfigReadApprovalAdditionalProperty
from .agent_config_read_tools_item import AgentConfigReadToolsItem
from .agent_config_tools_item import AgentConfigToolsItem
from .agent_config_update import AgentConfigUpdate
from .agent_config_update_approval_type_0 import AgentConfigUpdateApprovalType0
from .agent_config_update_approval_type_0_additional_property import AgentConfigUpdateApprovalType0AdditionalProperty
from .agent_config_update_tools_type_0_item import AgentConfigUpdateToolsType0Item
from .agent_create import AgentCreate
from .agent_credits import AgentCredits
from .agent_knowledge_base_read import AgentKnowledgeBaseRead
from .agent_knowledge_base_read_embedding import AgentKnowledgeBaseReadEmbedding
from .agent_knowledge_base_read_metadata import AgentKnowledgeBaseReadMetadata
from .agent_read import AgentRead
from .agent_skill_read import AgentSkillRead
from .agent_stats import AgentStats
from .agent_stats_by_model import AgentStatsByModel
from .agent_usage import AgentUsage
from .agent_usage_read import AgentUsageRead
from .agents_cancelled import AgentsCancelled
from .agents_chat_body import AgentsChatBody
from .agents_chat_body_messages_type_1 import AgentsChatBodyMessagesType1
from .api_key_create import ApiKeyCreate
from .api_key_create_scopes_type_0_item import ApiKeyCreateScopesType0Item
from .api_key_created import ApiKeyCreated
from .api_key_read import ApiKeyRead
from .approval_read import ApprovalRead
from .approval_read_kind import ApprovalReadKind
from .approval_read_on_timeout import ApprovalReadOnTimeout
from .approval_read_payload_schema_type_0 import ApprovalReadPayloadSchemaType0
from .approval_respond import ApprovalRespond
from .approval_respond_decision import ApprovalRespondDecision
from .approval_status import ApprovalStatus
from .artifact_create import ArtifactCreate
from .artifact_create_content import ArtifactCreateContent
from .artifact_create_type import ArtifactCreateType
from .artifact_read import ArtifactRead
from .artifact_read_content import ArtifactReadContent
from .artifact_type_read import ArtifactTypeRead
from .artifact_type_read_content_schema import ArtifactTypeReadContentSchema
from .artifact_type_read_transitions import ArtifactTypeReadTransitions
from .attachment_read import AttachmentRead
from .attachment_read_format_type_0 import AttachmentReadFormatType0
from .attachment_read_purpose import AttachmentReadPurpose
from .attachment_read_storage import AttachmentReadStorage
from .autocomplete_body import AutocompleteBody
from .available_tool import AvailableTool
from .available_tool_source import AvailableToolSource
from .batch_create import BatchCreate
from .batch_read import BatchRead
from .batch_read_error_type_0 import BatchReadErrorType0
from .batch_read_operation import BatchReadOperation
from .batch_read_status import BatchReadStatus
from .batches_cancelled import BatchesCancelled
from .block_read import BlockRead
from .block_write import BlockWrite
from .body_toggle_task_api_v1_tasks_task_id_toggle_post import BodyToggleTaskApiV1TasksTaskIdTogglePost
from .budget_config import BudgetConfig
from .budget_read import BudgetRead
from .budget_update import BudgetUpdate
from .build_body import BuildBody
from .bulk_respond import BulkRespond
from .bulk_respond_decision import BulkRespondDecision
from .bulk_respond_read import BulkRespondRead
from .bulk_result import BulkResult
from .bulk_run_item import BulkRunItem
from .bulk_run_started import BulkRunStarted
from .button_in import ButtonIn
from .byok_save import ByokSave
from .byok_save_provider import ByokSaveProvider
from .byok_save_use_cases import ByokSaveUseCases
from .byok_saved import ByokSaved
from .byok_saved_use_case_models import ByokSavedUseCaseModels
from .cached_result_read import CachedResultRead
from .call_read import CallRead
from .callback_attempt_read import CallbackAttemptRead
from .channel_create import ChannelCreate
from .channel_create_config import ChannelCreateConfig
from .channel_create_credentials import ChannelCreateCredentials
from .channel_create_kind import ChannelCreateKind
from .channel_create_status import ChannelCreateStatus
from .channel_event_read import ChannelEventRead
from .channel_event_read_data import ChannelEventReadData
from .channel_read import ChannelRead
from .channel_read_config import ChannelReadConfig
from .channel_read_credentials import ChannelReadCredentials
from .channel_read_on_message_type_0 import ChannelReadOnMessageType0
from .channel_read_status import ChannelReadStatus
from .channel_replace import ChannelReplace
from .channel_replace_config import ChannelReplaceConfig
from .channel_replace_credentials import ChannelReplaceCredentials
from .channel_replace_kind import ChannelReplaceKind
from .channel_replace_status import ChannelReplaceStatus
from .channel_test_error import ChannelTestError
from .channel_test_result import ChannelTestResult
from .channel_test_result_detail import ChannelTestResultDetail
from .channels_message_read import ChannelsMessageRead
from .channels_message_read_body import ChannelsMessageReadBody
from .channels_message_read_direction import ChannelsMessageReadDirection
from .channels_message_read_error_type_0 import ChannelsMessageReadErrorType0
from .chat_message import ChatMessage
from .chat_message_role import ChatMessageRole
from .chat_metadata import ChatMetadata
from .chat_metadata_citations_item import ChatMetadataCitationsItem
from .chat_result import ChatResult
from .chat_usage import ChatUsage
from .chunk_read import ChunkRead
from .cleanup_read import CleanupRead
from .completion_message import CompletionMessage
from .completion_message_role import CompletionMessageRole
from .completion_read import CompletionRead
from .completion_request import CompletionRequest
from .completions_chat_body import CompletionsChatBody
from .completions_run_read import CompletionsRunRead
from .completions_run_read_operation import CompletionsRunReadOperation
from .compress_body import CompressBody
from .compression_read import CompressionRead
from .condition import Condition
from .confirm_policy import ConfirmPolicy
from .contact_patch import ContactPatch
from .contact_patch_metadata_type_0 import ContactPatchMetadataType0
from .contact_read import ContactRead
from .contact_read_metadata import ContactReadMetadata
from .content_edit import ContentEdit
from .content_edit_content_type_0 import ContentEditContentType0
from .context_block_read import ContextBlockRead
from .context_block_read_kind import ContextBlockReadKind
from .context_built import ContextBuilt
from .context_built_order_item import ContextBuiltOrderItem
from .context_read import ContextRead
from .context_read_order_item import ContextReadOrderItem
from .conversation_create import ConversationCreate
from .conversation_create_metadata import ConversationCreateMetadata
from .conversation_event_read import ConversationEventRead
from .conversation_event_read_data import ConversationEventReadData
from .conversation_put import ConversationPut
from .conversation_put_metadata import ConversationPutMetadata
from .conversation_read import ConversationRead
from .conversation_read_metadata import ConversationReadMetadata
from .conversation_run_read import ConversationRunRead
from .conversation_run_read_error_type_0 import ConversationRunReadErrorType0
from .conversation_search_hit import ConversationSearchHit
from .conversations_message_read import ConversationsMessageRead
from .conversations_message_read_metadata_type_0 import ConversationsMessageReadMetadataType0
from .conversations_message_read_tool_calls_type_0_item import ConversationsMessageReadToolCallsType0Item
from .create_kb_files_body import CreateKbFilesBody
from .create_kb_files_body_metadata import CreateKbFilesBodyMetadata
from .create_kb_json_knowledge_base_create import CreateKbJsonKnowledgeBaseCreate
from .create_kb_json_knowledge_base_create_metadata import CreateKbJsonKnowledgeBaseCreateMetadata
from .creator import Creator
from .cross_search_body import CrossSearchBody
from .cross_search_body_mode import CrossSearchBodyMode
from .daily_credits import DailyCredits
from .dashboard_summary import DashboardSummary
from .day_usage import DayUsage
from .definition_check import DefinitionCheck
from .definition_report import DefinitionReport
from .document_added import DocumentAdded
from .document_added_error_type_0 import DocumentAddedErrorType0
from .document_added_metadata import DocumentAddedMetadata
from .document_added_source import DocumentAddedSource
from .document_added_status import DocumentAddedStatus
from .document_read import DocumentRead
from .document_read_error_type_0 import DocumentReadErrorType0
from .document_read_metadata import DocumentReadMetadata
from .document_read_source import DocumentReadSource
from .document_read_status import DocumentReadStatus
from .document_view import DocumentView
from .draft_reply import DraftReply
from .draft_save import DraftSave
from .draft_write import DraftWrite
from .drafted import Drafted
from .edge import Edge
from .email_query import EmailQuery
from .email_query_direction_type_0 import EmailQueryDirectionType0
from .email_read import EmailRead
from .email_read_body import EmailReadBody
from .email_send import EmailSend
from .email_sent import EmailSent
from .emails_model_usage import EmailsModelUsage
from .embedding_config import EmbeddingConfig
from .embedding_config_provider import EmbeddingConfigProvider
from .engine_condition import EngineCondition
from .enrich_body import EnrichBody
from .enrich_body_fields import EnrichBodyFields
from .enrich_body_input_type_4 import EnrichBodyInputType4
from .enrich_field import EnrichField
from .enrich_field_type import EnrichFieldType
from .envelope_agent_config_read import EnvelopeAgentConfigRead
from .envelope_agent_read import EnvelopeAgentRead
from .envelope_agent_stats import EnvelopeAgentStats
from .envelope_agent_usage_read import EnvelopeAgentUsageRead
from .envelope_agents_cancelled import EnvelopeAgentsCancelled
from .envelope_api_key_created import EnvelopeApiKeyCreated
from .envelope_api_key_read import EnvelopeApiKeyRead
from .envelope_approval_read import EnvelopeApprovalRead
from .envelope_artifact_read import EnvelopeArtifactRead
from .envelope_attachment_read import EnvelopeAttachmentRead
from .envelope_batch_read import EnvelopeBatchRead
from .envelope_batches_cancelled import EnvelopeBatchesCancelled
from .envelope_block_read import EnvelopeBlockRead
from .envelope_budget_read import EnvelopeBudgetRead
from .envelope_bulk_respond_read import EnvelopeBulkRespondRead
from .envelope_byok_saved import EnvelopeByokSaved
from .envelope_cached_result_read import EnvelopeCachedResultRead
from .envelope_call_read import EnvelopeCallRead
from .envelope_channel_read import EnvelopeChannelRead
from .envelope_channel_test_result import EnvelopeChannelTestResult
from .envelope_channels_message_read import EnvelopeChannelsMessageRead
from .envelope_chat_result import EnvelopeChatResult
from .envelope_chunk_read import EnvelopeChunkRead
from .envelope_cleanup_read import EnvelopeCleanupRead
from .envelope_completion_read import EnvelopeCompletionRead
from .envelope_completions_run_read import EnvelopeCompletionsRunRead
from .envelope_compression_read import EnvelopeCompressionRead
from .envelope_contact_read import EnvelopeContactRead
from .envelope_context_built import EnvelopeContextBuilt
from .envelope_context_read import EnvelopeContextRead
from .envelope_conversation_read import EnvelopeConversationRead
from .envelope_conversations_message_read import EnvelopeConversationsMessageRead
from .envelope_dashboard_summary import EnvelopeDashboardSummary
from .envelope_definition_report import EnvelopeDefinitionReport
from .envelope_document_read import EnvelopeDocumentRead
from .envelope_document_view import EnvelopeDocumentView
from .envelope_drafted import EnvelopeDrafted
from .envelope_email_sent import EnvelopeEmailSent
from .envelope_flow_read import EnvelopeFlowRead
from .envelope_flow_version_read import EnvelopeFlowVersionRead
from .envelope_group_read import EnvelopeGroupRead
from .envelope_hook_accepted import EnvelopeHookAccepted
from .envelope_hook_created import EnvelopeHookCreated
from .envelope_hook_finished import EnvelopeHookFinished
from .envelope_interaction_read import EnvelopeInteractionRead
from .envelope_key_check_result import EnvelopeKeyCheckResult
from .envelope_knowledge_base_read import EnvelopeKnowledgeBaseRead
from .envelope_knowledge_summary import EnvelopeKnowledgeSummary
from .envelope_kv_read import EnvelopeKvRead
from .envelope_llm_config_read import EnvelopeLlmConfigRead
from .envelope_llm_format_read import EnvelopeLlmFormatRead
from .envelope_llm_provider_read import EnvelopeLlmProviderRead
from .envelope_login_result import EnvelopeLoginResult
from .envelope_mcp_server_read import EnvelopeMcpServerRead
from .envelope_me_read import EnvelopeMeRead
from .envelope_meeting_sent import EnvelopeMeetingSent
from .envelope_model_options_read import EnvelopeModelOptionsRead
from .envelope_organization_created import EnvelopeOrganizationCreated
from .envelope_passage_read import EnvelopePassageRead
from .envelope_plan_result import EnvelopePlanResult
from .envelope_preload_read import EnvelopePreloadRead
from .envelope_preview_read import EnvelopePreviewRead
from .envelope_preview_result import EnvelopePreviewResult
from .envelope_prompt_block_read import EnvelopePromptBlockRead
from .envelope_question_read import EnvelopeQuestionRead
from .envelope_recall_result import EnvelopeRecallResult
from .envelope_reflect_result import EnvelopeReflectResult
from .envelope_retrieve_result import EnvelopeRetrieveResult
from .envelope_runs_run_read import EnvelopeRunsRunRead
from .envelope_schedule_read import EnvelopeScheduleRead
from .envelope_search_defaults import EnvelopeSearchDefaults
from .envelope_search_result import EnvelopeSearchResult
from .envelope_secret_read import EnvelopeSecretRead
from .envelope_settings_defaults import EnvelopeSettingsDefaults
from .envelope_settings_read import EnvelopeSettingsRead
from .envelope_signing_key_revealed import EnvelopeSigningKeyRevealed
from .envelope_signing_key_state import EnvelopeSigningKeyState
from .envelope_skill_read import EnvelopeSkillRead
from .envelope_subagent_run_result import EnvelopeSubagentRunResult
from .envelope_task_read import EnvelopeTaskRead
from .envelope_title_generated import EnvelopeTitleGenerated
from .envelope_title_read import EnvelopeTitleRead
from .envelope_tool_draft_read import EnvelopeToolDraftRead
from .envelope_tool_imported import EnvelopeToolImported
from .envelope_tool_read import EnvelopeToolRead
from .envelope_tool_run_result import EnvelopeToolRunResult
from .envelope_tool_stats import EnvelopeToolStats
from .envelope_transcript_summary import EnvelopeTranscriptSummary
from .envelope_union_message_read_none_type import EnvelopeUnionMessageReadNoneType
from .envelope_usage_summary import EnvelopeUsageSummary
from .envelope_user_budget_read import EnvelopeUserBudgetRead
from .envelope_user_created import EnvelopeUserCreated
from .envelope_user_read import EnvelopeUserRead
from .envelope_voice_config_read import EnvelopeVoiceConfigRead
from .envelope_webhook_answer import EnvelopeWebhookAnswer
from .envelopelist_active_call import EnvelopelistActiveCall
from .envelopelist_agent_knowledge_base_read import EnvelopelistAgentKnowledgeBaseRead
from .envelopelist_agent_skill_read import EnvelopelistAgentSkillRead
from .envelopelist_artifact_type_read import EnvelopelistArtifactTypeRead
from .envelopelist_bulk_run_started import EnvelopelistBulkRunStarted
from .envelopelist_callback_attempt_read import EnvelopelistCallbackAttemptRead
from .envelopelist_document_added import EnvelopelistDocumentAdded
from .envelopelist_document_read import EnvelopelistDocumentRead
from .envelopelist_mcp_tool_read import EnvelopelistMcpToolRead
from .envelopelist_metadata_field import EnvelopelistMetadataField
from .envelopelist_tool_read import EnvelopelistToolRead
from .error_body import ErrorBody
from .error_detail import ErrorDetail
from .extract_body import ExtractBody
from .extract_body_input_type_4 import ExtractBodyInputType4
from .extract_body_schema import ExtractBodySchema
from .flow_create import FlowCreate
from .flow_definition import FlowDefinition
from .flow_patch import FlowPatch
from .flow_read import FlowRead
from .flow_replace import FlowReplace
from .flow_status import FlowStatus
from .flow_summary import FlowSummary
from .flow_version_read import FlowVersionRead
from .from_url import FromUrl
from .get_model_response_get_model_v1_models_model_id_get import GetModelResponseGetModelV1ModelsModelIdGet
from .get_settings_scope import GetSettingsScope
from .group_create import GroupCreate
from .group_member_read import GroupMemberRead
from .group_read import GroupRead
from .group_update import GroupUpdate
from .health_report import HealthReport
from .health_report_database import HealthReportDatabase
from .health_report_memory import HealthReportMemory
from .health_report_migrations import HealthReportMigrations
from .health_report_worker import HealthReportWorker
from .history_item import HistoryItem
from .history_item_tool_calls_type_0_item import HistoryItemToolCallsType0Item
from .hook_accepted import HookAccepted
from .hook_created import HookCreated
from .hook_finished import HookFinished
from .hook_finished_error_type_0 import HookFinishedErrorType0
from .http_source import HttpSource
from .input_message import InputMessage
from .input_message_role import InputMessageRole
from .input_text import InputText
from .input_text_type import InputTextType
from .interaction_create import InteractionCreate
from .interaction_create_action import InteractionCreateAction
from .interaction_create_data import InteractionCreateData
from .interaction_read import InteractionRead
from .interaction_read_data import InteractionReadData
from .interactive import Interactive
from .item_error import ItemError
from .key_check import KeyCheck
from .key_check_kind import KeyCheckKind
from .key_check_result import KeyCheckResult
from .knowledge_base_read import KnowledgeBaseRead
from .knowledge_base_read_embedding import KnowledgeBaseReadEmbedding
from .knowledge_base_read_metadata import KnowledgeBaseReadMetadata
from .knowledge_base_update import KnowledgeBaseUpdate
from .knowledge_base_update_metadata_type_0 import KnowledgeBaseUpdateMetadataType0
from .knowledge_condition import KnowledgeCondition
from .knowledge_condition_op import KnowledgeConditionOp
from .knowledge_summary import KnowledgeSummary
from .knowledge_summary_by_status import KnowledgeSummaryByStatus
from .kv_read import KvRead
from .kv_set import KvSet
from .kv_source import KvSource
from .label_body import LabelBody
from .label_body_input_type_4 import LabelBodyInputType4
from .limits import Limits
from .list_attachments_purpose import ListAttachmentsPurpose
from .list_channel_messages_direction import ListChannelMessagesDirection
from .list_channel_messages_status import ListChannelMessagesStatus
from .list_history_status import ListHistoryStatus
from .llm_config_read import LlmConfigRead
from .llm_config_read_mode import LlmConfigReadMode
from .llm_config_read_price_overrides import LlmConfigReadPriceOverrides
from .llm_config_update import LlmConfigUpdate
from .llm_config_update_mode_type_0 import LlmConfigUpdateModeType0
from .llm_config_update_price_overrides_type_0 import LlmConfigUpdatePriceOverridesType0
from .llm_format_read import LlmFormatRead
from .llm_format_read_view import LlmFormatReadView
from .llm_format_view import LlmFormatView
from .llm_function_call import LlmFunctionCall
from .llm_message import LlmMessage
from .llm_provider_create import LlmProviderCreate
from .llm_provider_create_kind import LlmProviderCreateKind
from .llm_provider_put import LlmProviderPut
from .llm_provider_put_kind import LlmProviderPutKind
from .llm_provider_read import LlmProviderRead
from .llm_provider_read_kind import LlmProviderReadKind
from .llm_tool_call import LlmToolCall
from .login_request import LoginRequest
from .login_result import LoginResult
from .marker_read import MarkerRead
from .marker_read_type import MarkerReadType
from .mcp_body_type_0 import McpBodyType0
from .mcp_body_type_0_params import McpBodyType0Params
from .mcp_body_type_1_item import McpBodyType1Item
from .mcp_body_type_1_item_params import McpBodyType1ItemParams
from .mcp_import import McpImport
from .mcp_import_approval_type_0 import McpImportApprovalType0
from .mcp_server_create import McpServerCreate
from .mcp_server_read import McpServerRead
from .mcp_server_update import McpServerUpdate
from .mcp_tool_read import McpToolRead
from .mcp_tool_read_input_schema import McpToolReadInputSchema
from .me_read import MeRead
from .media import Media
from .media_media_type import MediaMediaType
from .meeting_invite import MeetingInvite
from .meeting_sent import MeetingSent
from .members_add import MembersAdd
from .message_create import MessageCreate
from .message_create_role import MessageCreateRole
from .message_in import MessageIn
from .message_in_role import MessageInRole
from .message_match import MessageMatch
from .metadata_field import MetadataField
from .mode_set import ModeSet
from .mode_set_mode import ModeSetMode
from .model_call_usage import ModelCallUsage
from .model_options_read import ModelOptionsRead
from .model_read import ModelRead
from .node import Node
from .node_create import NodeCreate
from .node_data import NodeData
from .node_data_config import NodeDataConfig
from .node_replace import NodeReplace
from .node_type_read import NodeTypeRead
from .node_type_read_config_schema import NodeTypeReadConfigSchema
from .notify_target import NotifyTarget
from .on_message import OnMessage
from .open_ai_error import OpenAIError
from .open_ai_error_body import OpenAIErrorBody
from .open_api_import import OpenApiImport
from .open_api_import_approval_type_0 import OpenApiImportApprovalType0
from .open_api_import_openapi import OpenApiImportOpenapi
from .open_api_import_openapi_paths import OpenApiImportOpenapiPaths
from .openai_compatible_list_models_order import OpenaiCompatibleListModelsOrder
from .openai_compatible_list_models_response_list_models_v1_models_get import (
    OpenaiCompatibleListModelsResponseListModelsV1ModelsGet,
)
from .operation import Operation
from .operation_kind_type_0 import OperationKindType0
from .operation_kind_type_1 import OperationKindType1
from .operation_params import OperationParams
from .organization_create import OrganizationCreate
from .organization_created import OrganizationCreated
from .organization_read import OrganizationRead
from .output_format import OutputFormat
from .page_envelope_agent_read import PageEnvelopeAgentRead
from .page_envelope_agent_skill_read import PageEnvelopeAgentSkillRead
from .page_envelope_annotated_union_timeline_message_timeline_tool_call_timeline_approval_timeline_question_field_infoannotation_none_type_required_true_discriminatortype import (
    PageEnvelopeAnnotatedUnionTimelineMessageTimelineToolCallTimelineApprovalTimelineQuestionFieldInfoannotationNoneTypeRequiredTrueDiscriminatortype,
)
from .page_envelope_any import PageEnvelopeAny
from .page_envelope_api_key_read import PageEnvelopeApiKeyRead
from .page_envelope_approval_read import PageEnvelopeApprovalRead
from .page_envelope_artifact_read import PageEnvelopeArtifactRead
from .page_envelope_attachment_read import PageEnvelopeAttachmentRead
from .page_envelope_available_tool import PageEnvelopeAvailableTool
from .page_envelope_block_read import PageEnvelopeBlockRead
from .page_envelope_channel_event_read import PageEnvelopeChannelEventRead
from .page_envelope_channel_read import PageEnvelopeChannelRead
from .page_envelope_channels_message_read import PageEnvelopeChannelsMessageRead
from .page_envelope_chunk_read import PageEnvelopeChunkRead
from .page_envelope_contact_read import PageEnvelopeContactRead
from .page_envelope_conversation_event_read import PageEnvelopeConversationEventRead
from .page_envelope_conversation_read import PageEnvelopeConversationRead
from .page_envelope_conversation_run_read import PageEnvelopeConversationRunRead
from .page_envelope_conversation_search_hit import PageEnvelopeConversationSearchHit
from .page_envelope_conversations_message_read import PageEnvelopeConversationsMessageRead
from .page_envelope_document_read import PageEnvelopeDocumentRead
from .page_envelope_email_read import PageEnvelopeEmailRead
from .page_envelope_flow_summary import PageEnvelopeFlowSummary
from .page_envelope_flow_version_read import PageEnvelopeFlowVersionRead
from .page_envelope_group_member_read import PageEnvelopeGroupMemberRead
from .page_envelope_group_read import PageEnvelopeGroupRead
from .page_envelope_knowledge_base_read import PageEnvelopeKnowledgeBaseRead
from .page_envelope_kv_read import PageEnvelopeKvRead
from .page_envelope_marker_read import PageEnvelopeMarkerRead
from .page_envelope_mcp_server_read import PageEnvelopeMcpServerRead
from .page_envelope_model_read import PageEnvelopeModelRead
from .page_envelope_node import PageEnvelopeNode
from .page_envelope_node_type_read import PageEnvelopeNodeTypeRead
from .page_envelope_organization_read import PageEnvelopeOrganizationRead
from .page_envelope_passage_read import PageEnvelopePassageRead
from .page_envelope_prompt_block_read import PageEnvelopePromptBlockRead
from .page_envelope_question_read import PageEnvelopeQuestionRead
from .page_envelope_result_read import PageEnvelopeResultRead
from .page_envelope_run_event_read import PageEnvelopeRunEventRead
from .page_envelope_run_summary import PageEnvelopeRunSummary
from .page_envelope_schedule_summary import PageEnvelopeScheduleSummary
from .page_envelope_secret_read import PageEnvelopeSecretRead
from .page_envelope_skill_summary import PageEnvelopeSkillSummary
from .page_envelope_step_read import PageEnvelopeStepRead
from .page_envelope_task_read import PageEnvelopeTaskRead
from .page_envelope_timeline_item import PageEnvelopeTimelineItem
from .page_envelope_tool_read import PageEnvelopeToolRead
from .page_envelope_user_budget_read import PageEnvelopeUserBudgetRead
from .page_envelope_user_read import PageEnvelopeUserRead
from .part import Part
from .passage_create import PassageCreate
from .passage_create_metadata import PassageCreateMetadata
from .passage_read import PassageRead
from .passage_read_metadata import PassageReadMetadata
from .patch_settings_patch import PatchSettingsPatch
from .patch_settings_patch_chat_type_1 import PatchSettingsPatchChatType1
from .patch_settings_patch_custom_type_1 import PatchSettingsPatchCustomType1
from .patch_settings_patch_date_format_type_1 import PatchSettingsPatchDateFormatType1
from .patch_settings_patch_email_type_1 import PatchSettingsPatchEmailType1
from .patch_settings_patch_notifications_type_1 import PatchSettingsPatchNotificationsType1
from .patch_settings_patch_notifications_type_1_digest_type_1 import PatchSettingsPatchNotificationsType1DigestType1
from .patch_settings_patch_theme_type_1 import PatchSettingsPatchThemeType1
from .patch_settings_patch_ui_type_1 import PatchSettingsPatchUiType1
from .patch_settings_patch_ui_type_1_density_type_1 import PatchSettingsPatchUiType1DensityType1
from .patch_settings_scope import PatchSettingsScope
from .plan_body import PlanBody
from .plan_result import PlanResult
from .plan_step import PlanStep
from .platform_read import PlatformRead
from .position import Position
from .preload_body import PreloadBody
from .preload_failure import PreloadFailure
from .preload_read import PreloadRead
from .preview_body import PreviewBody
from .preview_chunk import PreviewChunk
from .preview_files_body import PreviewFilesBody
from .preview_json_preview_body import PreviewJsonPreviewBody
from .preview_read import PreviewRead
from .preview_read_kind import PreviewReadKind
from .preview_result import PreviewResult
from .price_override import PriceOverride
from .problem_result import ProblemResult
from .prompt_block_create import PromptBlockCreate
from .prompt_block_create_kind import PromptBlockCreateKind
from .prompt_block_read import PromptBlockRead
from .prompt_block_read_kind import PromptBlockReadKind
from .prompt_block_read_source_type_0 import PromptBlockReadSourceType0
from .prompt_block_update import PromptBlockUpdate
from .question_read import QuestionRead
from .question_respond import QuestionRespond
from .question_respond_answer_type_3 import QuestionRespondAnswerType3
from .ready_report import ReadyReport
from .ready_report_database import ReadyReportDatabase
from .ready_report_migrations_type_0 import ReadyReportMigrationsType0
from .recall_body import RecallBody
from .recall_body_mode import RecallBodyMode
from .recall_hit import RecallHit
from .recall_hit_metadata import RecallHitMetadata
from .recall_result import RecallResult
from .recommend_body import RecommendBody
from .recommend_body_input_type_4 import RecommendBodyInputType4
from .reflect_body import ReflectBody
from .reflect_result import ReflectResult
from .reset_settings_scope import ResetSettingsScope
from .response_create import ResponseCreate
from .response_create_metadata_type_0 import ResponseCreateMetadataType0
from .result_read import ResultRead
from .result_read_error_type_0 import ResultReadErrorType0
from .result_read_status import ResultReadStatus
from .retrieve_body import RetrieveBody
from .retrieve_result import RetrieveResult
from .retrieved_message import RetrievedMessage
from .role import Role
from .rpc_error import RpcError
from .rpc_error_body import RpcErrorBody
from .run_approve import RunApprove
from .run_approve_decision import RunApproveDecision
from .run_body import RunBody
from .run_body_items_item_type_4 import RunBodyItemsItemType4
from .run_body_operation import RunBodyOperation
from .run_body_params import RunBodyParams
from .run_create import RunCreate
from .run_event_read import RunEventRead
from .run_event_read_data import RunEventReadData
from .run_item import RunItem
from .run_status import RunStatus
from .run_summary import RunSummary
from .runs_bulk_create import RunsBulkCreate
from .runs_run_read import RunsRunRead
from .runs_run_read_error_type_0 import RunsRunReadErrorType0
from .runs_run_read_vars import RunsRunReadVars
from .s3_upload_body import S3UploadBody
from .sandbox_person import SandboxPerson
from .schedule_create import ScheduleCreate
from .schedule_create_catch_up import ScheduleCreateCatchUp
from .schedule_read import ScheduleRead
from .schedule_read_catch_up import ScheduleReadCatchUp
from .schedule_run_read import ScheduleRunRead
from .schedule_summary import ScheduleSummary
from .schedule_summary_catch_up import ScheduleSummaryCatchUp
from .schedule_update import ScheduleUpdate
from .schedule_update_catch_up_type_0 import ScheduleUpdateCatchUpType0
from .scheduled_task_set import ScheduledTaskSet
from .search_body import SearchBody
from .search_body_mode import SearchBodyMode
from .search_defaults import SearchDefaults
from .search_defaults_mode import SearchDefaultsMode
from .search_hit import SearchHit
from .search_hit_metadata import SearchHitMetadata
from .search_result import SearchResult
from .search_result_mode import SearchResultMode
from .secret_create import SecretCreate
from .secret_kind import SecretKind
from .secret_read import SecretRead
from .secret_update import SecretUpdate
from .send_body import SendBody
from .service_status import ServiceStatus
from .settings_defaults import SettingsDefaults
from .settings_defaults_defaults import SettingsDefaultsDefaults
from .settings_defaults_organization import SettingsDefaultsOrganization
from .settings_defaults_schema import SettingsDefaultsSchema
from .settings_read import SettingsRead
from .settings_read_overrides import SettingsReadOverrides
from .settings_read_scope import SettingsReadScope
from .settings_read_settings import SettingsReadSettings
from .settings_reset import SettingsReset
from .signing_key_read import SigningKeyRead
from .signing_key_revealed import SigningKeyRevealed
from .signing_key_rotate import SigningKeyRotate
from .signing_key_state import SigningKeyState
from .skill_problem import SkillProblem
from .skill_read import SkillRead
from .skill_read_front_matter import SkillReadFrontMatter
from .skill_source import SkillSource
from .skill_summary import SkillSummary
from .skipped_operation import SkippedOperation
from .state_change import StateChange
from .status_counts import StatusCounts
from .step_read import StepRead
from .step_read_error_type_0 import StepReadErrorType0
from .stream_options import StreamOptions
from .subagent_create import SubagentCreate
from .subagent_run_body import SubagentRunBody
from .subagent_run_result import SubagentRunResult
from .subagent_update import SubagentUpdate
from .summarize_body import SummarizeBody
from .summarize_body_input_type_4 import SummarizeBodyInputType4
from .summarize_body_style import SummarizeBodyStyle
from .task_create import TaskCreate
from .task_from_artifact import TaskFromArtifact
from .task_read import TaskRead
from .task_update import TaskUpdate
from .template_send_body import TemplateSendBody
from .time_range import TimeRange
from .time_source import TimeSource
from .timeline_approval import TimelineApproval
from .timeline_item import TimelineItem
from .timeline_item_data import TimelineItemData
from .timeline_item_kind import TimelineItemKind
from .timeline_message import TimelineMessage
from .timeline_query import TimelineQuery
from .timeline_query_kinds_item import TimelineQueryKindsItem
from .timeline_question import TimelineQuestion
from .timeline_tool_call import TimelineToolCall
from .title_generated import TitleGenerated
from .title_put import TitlePut
from .title_read import TitleRead
from .tool_approval_body import ToolApprovalBody
from .tool_approval_body_policy import ToolApprovalBodyPolicy
from .tool_assign import ToolAssign
from .tool_call_read import ToolCallRead
from .tool_call_read_arguments import ToolCallReadArguments
from .tool_create import ToolCreate
from .tool_create_approval_type_0 import ToolCreateApprovalType0
from .tool_create_config import ToolCreateConfig
from .tool_create_kind import ToolCreateKind
from .tool_create_parameters_type_0 import ToolCreateParametersType0
from .tool_draft_read import ToolDraftRead
from .tool_dry_run_body import ToolDryRunBody
from .tool_dry_run_body_arguments import ToolDryRunBodyArguments
from .tool_generate_body import ToolGenerateBody
from .tool_imported import ToolImported
from .tool_read import ToolRead
from .tool_read_approval import ToolReadApproval
from .tool_read_config import ToolReadConfig
from .tool_read_kind import ToolReadKind
from .tool_read_parameters import ToolReadParameters
from .tool_run_body import ToolRunBody
from .tool_run_body_arguments import ToolRunBodyArguments
from .tool_run_result import ToolRunResult
from .tool_run_result_approval import ToolRunResultApproval
from .tool_run_result_arguments import ToolRunResultArguments
from .tool_stats import ToolStats
from .tool_update import ToolUpdate
from .tool_update_approval_type_0 import ToolUpdateApprovalType0
from .tool_update_config_type_0 import ToolUpdateConfigType0
from .tool_update_parameters_type_0 import ToolUpdateParametersType0
from .tools_model_usage import ToolsModelUsage
from .transcript_line import TranscriptLine
from .transcript_summarize import TranscriptSummarize
from .transcript_summary import TranscriptSummary
from .upload_body import UploadBody
from .upload_file_body import UploadFileBody
from .upload_file_body_format import UploadFileBodyFormat
from .upload_skill_json_skill_upload import UploadSkillJsonSkillUpload
from .usage_figures import UsageFigures
from .usage_model_usage import UsageModelUsage
from .usage_read import UsageRead
from .usage_summary import UsageSummary
from .usage_summary_range import UsageSummaryRange
from .use_case_read import UseCaseRead
from .user_budget_read import UserBudgetRead
from .user_budget_update import UserBudgetUpdate
from .user_create import UserCreate
from .user_created import UserCreated
from .user_read import UserRead
from .user_update import UserUpdate
from .user_usage import UserUsage
from .voice_config_read import VoiceConfigRead
from .voice_config_set import VoiceConfigSet
from .waba_send import WabaSend
from .waba_send_parameters_item import WabaSendParametersItem
from .webhook_answer import WebhookAnswer
from .webhook_answer_data import WebhookAnswerData
from .webhook_body import WebhookBody

__all__ = (
    "ActionItem",
    "ActiveCall",
    "ActiveSet",
    "AddDocumentsFilesBody",
    "AddDocumentsFilesBodyMetadata",
    "AddDocumentsJsonDocumentAdd",
    "AddDocumentsJsonDocumentAddMetadata",
    "AgentConfig",
    "AgentConfigApproval",
    "AgentConfigApprovalAdditionalProperty",
    "AgentConfigRead",
    "AgentConfigReadApproval",
    "AgentConfigReadApprovalAdditionalProperty",
    "AgentConfigReadToolsItem",
    "AgentConfigToolsItem",
    "AgentConfigUpdate",
    "AgentConfigUpdateApprovalType0",
    "AgentConfigUpdateApprovalType0AdditionalProperty",
    "AgentConfigUpdateToolsType0Item",
    "AgentCreate",
    "AgentCredits",
    "AgentKnowledgeBaseRead",
    "AgentKnowledgeBaseReadEmbedding",
    "AgentKnowledgeBaseReadMetadata",
    "AgentRead",
    "AgentsCancelled",
    "AgentsChatBody",
    "AgentsChatBodyMessagesType1",
    "AgentSkillRead",
    "AgentStats",
    "AgentStatsByModel",
    "AgentUsage",
    "AgentUsageRead",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyCreateScopesType0Item",
    "ApiKeyRead",
    "ApprovalRead",
    "ApprovalReadKind",
    "ApprovalReadOnTimeout",
    "ApprovalReadPayloadSchemaType0",
    "ApprovalRespond",
    "ApprovalRespondDecision",
    "ApprovalStatus",
    "ArtifactCreate",
    "ArtifactCreateContent",
    "ArtifactCreateType",
    "ArtifactRead",
    "ArtifactReadContent",
    "ArtifactTypeRead",
    "ArtifactTypeReadContentSchema",
    "ArtifactTypeReadTransitions",
    "AttachmentRead",
    "AttachmentReadFormatType0",
    "AttachmentReadPurpose",
    "AttachmentReadStorage",
    "AutocompleteBody",
    "AvailableTool",
    "AvailableToolSource",
    "BatchCreate",
    "BatchesCancelled",
    "BatchRead",
    "BatchReadErrorType0",
    "BatchReadOperation",
    "BatchReadStatus",
    "BlockRead",
    "BlockWrite",
    "BodyToggleTaskApiV1TasksTaskIdTogglePost",
    "BudgetConfig",
    "BudgetRead",
    "BudgetUpdate",
    "BuildBody",
    "BulkRespond",
    "BulkRespondDecision",
    "BulkRespondRead",
    "BulkResult",
    "BulkRunItem",
    "BulkRunStarted",
    "ButtonIn",
    "ByokSave",
    "ByokSaved",
    "ByokSavedUseCaseModels",
    "ByokSaveProvider",
    "ByokSaveUseCases",
    "CachedResultRead",
    "CallbackAttemptRead",
    "CallRead",
    "ChannelCreate",
    "ChannelCreateConfig",
    "ChannelCreateCredentials",
    "ChannelCreateKind",
    "ChannelCreateStatus",
    "ChannelEventRead",
    "ChannelEventReadData",
    "ChannelRead",
    "ChannelReadConfig",
    "ChannelReadCredentials",
    "ChannelReadOnMessageType0",
    "ChannelReadStatus",
    "ChannelReplace",
    "ChannelReplaceConfig",
    "ChannelReplaceCredentials",
    "ChannelReplaceKind",
    "ChannelReplaceStatus",
    "ChannelsMessageRead",
    "ChannelsMessageReadBody",
    "ChannelsMessageReadDirection",
    "ChannelsMessageReadErrorType0",
    "ChannelTestError",
    "ChannelTestResult",
    "ChannelTestResultDetail",
    "ChatMessage",
    "ChatMessageRole",
    "ChatMetadata",
    "ChatMetadataCitationsItem",
    "ChatResult",
    "ChatUsage",
    "ChunkRead",
    "CleanupRead",
    "CompletionMessage",
    "CompletionMessageRole",
    "CompletionRead",
    "CompletionRequest",
    "CompletionsChatBody",
    "CompletionsRunRead",
    "CompletionsRunReadOperation",
    "CompressBody",
    "CompressionRead",
    "Condition",
    "ConfirmPolicy",
    "ContactPatch",
    "ContactPatchMetadataType0",
    "ContactRead",
    "ContactReadMetadata",
    "ContentEdit",
    "ContentEditContentType0",
    "ContextBlockRead",
    "ContextBlockReadKind",
    "ContextBuilt",
    "ContextBuiltOrderItem",
    "ContextRead",
    "ContextReadOrderItem",
    "ConversationCreate",
    "ConversationCreateMetadata",
    "ConversationEventRead",
    "ConversationEventReadData",
    "ConversationPut",
    "ConversationPutMetadata",
    "ConversationRead",
    "ConversationReadMetadata",
    "ConversationRunRead",
    "ConversationRunReadErrorType0",
    "ConversationSearchHit",
    "ConversationsMessageRead",
    "ConversationsMessageReadMetadataType0",
    "ConversationsMessageReadToolCallsType0Item",
    "CreateKbFilesBody",
    "CreateKbFilesBodyMetadata",
    "CreateKbJsonKnowledgeBaseCreate",
    "CreateKbJsonKnowledgeBaseCreateMetadata",
    "Creator",
    "CrossSearchBody",
    "CrossSearchBodyMode",
    "DailyCredits",
    "DashboardSummary",
    "DayUsage",
    "DefinitionCheck",
    "DefinitionReport",
    "DocumentAdded",
    "DocumentAddedErrorType0",
    "DocumentAddedMetadata",
    "DocumentAddedSource",
    "DocumentAddedStatus",
    "DocumentRead",
    "DocumentReadErrorType0",
    "DocumentReadMetadata",
    "DocumentReadSource",
    "DocumentReadStatus",
    "DocumentView",
    "Drafted",
    "DraftReply",
    "DraftSave",
    "DraftWrite",
    "Edge",
    "EmailQuery",
    "EmailQueryDirectionType0",
    "EmailRead",
    "EmailReadBody",
    "EmailSend",
    "EmailSent",
    "EmailsModelUsage",
    "EmbeddingConfig",
    "EmbeddingConfigProvider",
    "EngineCondition",
    "EnrichBody",
    "EnrichBodyFields",
    "EnrichBodyInputType4",
    "EnrichField",
    "EnrichFieldType",
    "EnvelopeAgentConfigRead",
    "EnvelopeAgentRead",
    "EnvelopeAgentsCancelled",
    "EnvelopeAgentStats",
    "EnvelopeAgentUsageRead",
    "EnvelopeApiKeyCreated",
    "EnvelopeApiKeyRead",
    "EnvelopeApprovalRead",
    "EnvelopeArtifactRead",
    "EnvelopeAttachmentRead",
    "EnvelopeBatchesCancelled",
    "EnvelopeBatchRead",
    "EnvelopeBlockRead",
    "EnvelopeBudgetRead",
    "EnvelopeBulkRespondRead",
    "EnvelopeByokSaved",
    "EnvelopeCachedResultRead",
    "EnvelopeCallRead",
    "EnvelopeChannelRead",
    "EnvelopeChannelsMessageRead",
    "EnvelopeChannelTestResult",
    "EnvelopeChatResult",
    "EnvelopeChunkRead",
    "EnvelopeCleanupRead",
    "EnvelopeCompletionRead",
    "EnvelopeCompletionsRunRead",
    "EnvelopeCompressionRead",
    "EnvelopeContactRead",
    "EnvelopeContextBuilt",
    "EnvelopeContextRead",
    "EnvelopeConversationRead",
    "EnvelopeConversationsMessageRead",
    "EnvelopeDashboardSummary",
    "EnvelopeDefinitionReport",
    "EnvelopeDocumentRead",
    "EnvelopeDocumentView",
    "EnvelopeDrafted",
    "EnvelopeEmailSent",
    "EnvelopeFlowRead",
    "EnvelopeFlowVersionRead",
    "EnvelopeGroupRead",
    "EnvelopeHookAccepted",
    "EnvelopeHookCreated",
    "EnvelopeHookFinished",
    "EnvelopeInteractionRead",
    "EnvelopeKeyCheckResult",
    "EnvelopeKnowledgeBaseRead",
    "EnvelopeKnowledgeSummary",
    "EnvelopeKvRead",
    "EnvelopelistActiveCall",
    "EnvelopelistAgentKnowledgeBaseRead",
    "EnvelopelistAgentSkillRead",
    "EnvelopelistArtifactTypeRead",
    "EnvelopelistBulkRunStarted",
    "EnvelopelistCallbackAttemptRead",
    "EnvelopelistDocumentAdded",
    "EnvelopelistDocumentRead",
    "EnvelopelistMcpToolRead",
    "EnvelopelistMetadataField",
    "EnvelopelistToolRead",
    "EnvelopeLlmConfigRead",
    "EnvelopeLlmFormatRead",
    "EnvelopeLlmProviderRead",
    "EnvelopeLoginResult",
    "EnvelopeMcpServerRead",
    "EnvelopeMeetingSent",
    "EnvelopeMeRead",
    "EnvelopeModelOptionsRead",
    "EnvelopeOrganizationCreated",
    "EnvelopePassageRead",
    "EnvelopePlanResult",
    "EnvelopePreloadRead",
    "EnvelopePreviewRead",
    "EnvelopePreviewResult",
    "EnvelopePromptBlockRead",
    "EnvelopeQuestionRead",
    "EnvelopeRecallResult",
    "EnvelopeReflectResult",
    "EnvelopeRetrieveResult",
    "EnvelopeRunsRunRead",
    "EnvelopeScheduleRead",
    "EnvelopeSearchDefaults",
    "EnvelopeSearchResult",
    "EnvelopeSecretRead",
    "EnvelopeSettingsDefaults",
    "EnvelopeSettingsRead",
    "EnvelopeSigningKeyRevealed",
    "EnvelopeSigningKeyState",
    "EnvelopeSkillRead",
    "EnvelopeSubagentRunResult",
    "EnvelopeTaskRead",
    "EnvelopeTitleGenerated",
    "EnvelopeTitleRead",
    "EnvelopeToolDraftRead",
    "EnvelopeToolImported",
    "EnvelopeToolRead",
    "EnvelopeToolRunResult",
    "EnvelopeToolStats",
    "EnvelopeTranscriptSummary",
    "EnvelopeUnionMessageReadNoneType",
    "EnvelopeUsageSummary",
    "EnvelopeUserBudgetRead",
    "EnvelopeUserCreated",
    "EnvelopeUserRead",
    "EnvelopeVoiceConfigRead",
    "EnvelopeWebhookAnswer",
    "ErrorBody",
    "ErrorDetail",
    "ExtractBody",
    "ExtractBodyInputType4",
    "ExtractBodySchema",
    "FlowCreate",
    "FlowDefinition",
    "FlowPatch",
    "FlowRead",
    "FlowReplace",
    "FlowStatus",
    "FlowSummary",
    "FlowVersionRead",
    "FromUrl",
    "GetModelResponseGetModelV1ModelsModelIdGet",
    "GetSettingsScope",
    "GroupCreate",
    "GroupMemberRead",
    "GroupRead",
    "GroupUpdate",
    "HealthReport",
    "HealthReportDatabase",
    "HealthReportMemory",
    "HealthReportMigrations",
    "HealthReportWorker",
    "HistoryItem",
    "HistoryItemToolCallsType0Item",
    "HookAccepted",
    "HookCreated",
    "HookFinished",
    "HookFinishedErrorType0",
    "HttpSource",
    "InputMessage",
    "InputMessageRole",
    "InputText",
    "InputTextType",
    "InteractionCreate",
    "InteractionCreateAction",
    "InteractionCreateData",
    "InteractionRead",
    "InteractionReadData",
    "Interactive",
    "ItemError",
    "KeyCheck",
    "KeyCheckKind",
    "KeyCheckResult",
    "KnowledgeBaseRead",
    "KnowledgeBaseReadEmbedding",
    "KnowledgeBaseReadMetadata",
    "KnowledgeBaseUpdate",
    "KnowledgeBaseUpdateMetadataType0",
    "KnowledgeCondition",
    "KnowledgeConditionOp",
    "KnowledgeSummary",
    "KnowledgeSummaryByStatus",
    "KvRead",
    "KvSet",
    "KvSource",
    "LabelBody",
    "LabelBodyInputType4",
    "Limits",
    "ListAttachmentsPurpose",
    "ListChannelMessagesDirection",
    "ListChannelMessagesStatus",
    "ListHistoryStatus",
    "LlmConfigRead",
    "LlmConfigReadMode",
    "LlmConfigReadPriceOverrides",
    "LlmConfigUpdate",
    "LlmConfigUpdateModeType0",
    "LlmConfigUpdatePriceOverridesType0",
    "LlmFormatRead",
    "LlmFormatReadView",
    "LlmFormatView",
    "LlmFunctionCall",
    "LlmMessage",
    "LlmProviderCreate",
    "LlmProviderCreateKind",
    "LlmProviderPut",
    "LlmProviderPutKind",
    "LlmProviderRead",
    "LlmProviderReadKind",
    "LlmToolCall",
    "LoginRequest",
    "LoginResult",
    "MarkerRead",
    "MarkerReadType",
    "McpBodyType0",
    "McpBodyType0Params",
    "McpBodyType1Item",
    "McpBodyType1ItemParams",
    "McpImport",
    "McpImportApprovalType0",
    "McpServerCreate",
    "McpServerRead",
    "McpServerUpdate",
    "McpToolRead",
    "McpToolReadInputSchema",
    "Media",
    "MediaMediaType",
    "MeetingInvite",
    "MeetingSent",
    "MembersAdd",
    "MeRead",
    "MessageCreate",
    "MessageCreateRole",
    "MessageIn",
    "MessageInRole",
    "MessageMatch",
    "MetadataField",
    "ModelCallUsage",
    "ModelOptionsRead",
    "ModelRead",
    "ModeSet",
    "ModeSetMode",
    "Node",
    "NodeCreate",
    "NodeData",
    "NodeDataConfig",
    "NodeReplace",
    "NodeTypeRead",
    "NodeTypeReadConfigSchema",
    "NotifyTarget",
    "OnMessage",
    "OpenaiCompatibleListModelsOrder",
    "OpenaiCompatibleListModelsResponseListModelsV1ModelsGet",
    "OpenAIError",
    "OpenAIErrorBody",
    "OpenApiImport",
    "OpenApiImportApprovalType0",
    "OpenApiImportOpenapi",
    "OpenApiImportOpenapiPaths",
    "Operation",
    "OperationKindType0",
    "OperationKindType1",
    "OperationParams",
    "OrganizationCreate",
    "OrganizationCreated",
    "OrganizationRead",
    "OutputFormat",
    "PageEnvelopeAgentRead",
    "PageEnvelopeAgentSkillRead",
    "PageEnvelopeAnnotatedUnionTimelineMessageTimelineToolCallTimelineApprovalTimelineQuestionFieldInfoannotationNoneTypeRequiredTrueDiscriminatortype",
    "PageEnvelopeAny",
    "PageEnvelopeApiKeyRead",
    "PageEnvelopeApprovalRead",
    "PageEnvelopeArtifactRead",
    "PageEnvelopeAttachmentRead",
    "PageEnvelopeAvailableTool",
    "PageEnvelopeBlockRead",
    "PageEnvelopeChannelEventRead",
    "PageEnvelopeChannelRead",
    "PageEnvelopeChannelsMessageRead",
    "PageEnvelopeChunkRead",
    "PageEnvelopeContactRead",
    "PageEnvelopeConversationEventRead",
    "PageEnvelopeConversationRead",
    "PageEnvelopeConversationRunRead",
    "PageEnvelopeConversationSearchHit",
    "PageEnvelopeConversationsMessageRead",
    "PageEnvelopeDocumentRead",
    "PageEnvelopeEmailRead",
    "PageEnvelopeFlowSummary",
    "PageEnvelopeFlowVersionRead",
    "PageEnvelopeGroupMemberRead",
    "PageEnvelopeGroupRead",
    "PageEnvelopeKnowledgeBaseRead",
    "PageEnvelopeKvRead",
    "PageEnvelopeMarkerRead",
    "PageEnvelopeMcpServerRead",
    "PageEnvelopeModelRead",
    "PageEnvelopeNode",
    "PageEnvelopeNodeTypeRead",
    "PageEnvelopeOrganizationRead",
    "PageEnvelopePassageRead",
    "PageEnvelopePromptBlockRead",
    "PageEnvelopeQuestionRead",
    "PageEnvelopeResultRead",
    "PageEnvelopeRunEventRead",
    "PageEnvelopeRunSummary",
    "PageEnvelopeScheduleSummary",
    "PageEnvelopeSecretRead",
    "PageEnvelopeSkillSummary",
    "PageEnvelopeStepRead",
    "PageEnvelopeTaskRead",
    "PageEnvelopeTimelineItem",
    "PageEnvelopeToolRead",
    "PageEnvelopeUserBudgetRead",
    "PageEnvelopeUserRead",
    "Part",
    "PassageCreate",
    "PassageCreateMetadata",
    "PassageRead",
    "PassageReadMetadata",
    "PatchSettingsPatch",
    "PatchSettingsPatchChatType1",
    "PatchSettingsPatchCustomType1",
    "PatchSettingsPatchDateFormatType1",
    "PatchSettingsPatchEmailType1",
    "PatchSettingsPatchNotificationsType1",
    "PatchSettingsPatchNotificationsType1DigestType1",
    "PatchSettingsPatchThemeType1",
    "PatchSettingsPatchUiType1",
    "PatchSettingsPatchUiType1DensityType1",
    "PatchSettingsScope",
    "PlanBody",
    "PlanResult",
    "PlanStep",
    "PlatformRead",
    "Position",
    "PreloadBody",
    "PreloadFailure",
    "PreloadRead",
    "PreviewBody",
    "PreviewChunk",
    "PreviewFilesBody",
    "PreviewJsonPreviewBody",
    "PreviewRead",
    "PreviewReadKind",
    "PreviewResult",
    "PriceOverride",
    "ProblemResult",
    "PromptBlockCreate",
    "PromptBlockCreateKind",
    "PromptBlockRead",
    "PromptBlockReadKind",
    "PromptBlockReadSourceType0",
    "PromptBlockUpdate",
    "QuestionRead",
    "QuestionRespond",
    "QuestionRespondAnswerType3",
    "ReadyReport",
    "ReadyReportDatabase",
    "ReadyReportMigrationsType0",
    "RecallBody",
    "RecallBodyMode",
    "RecallHit",
    "RecallHitMetadata",
    "RecallResult",
    "RecommendBody",
    "RecommendBodyInputType4",
    "ReflectBody",
    "ReflectResult",
    "ResetSettingsScope",
    "ResponseCreate",
    "ResponseCreateMetadataType0",
    "ResultRead",
    "ResultReadErrorType0",
    "ResultReadStatus",
    "RetrieveBody",
    "RetrievedMessage",
    "RetrieveResult",
    "Role",
    "RpcError",
    "RpcErrorBody",
    "RunApprove",
    "RunApproveDecision",
    "RunBody",
    "RunBodyItemsItemType4",
    "RunBodyOperation",
    "RunBodyParams",
    "RunCreate",
    "RunEventRead",
    "RunEventReadData",
    "RunItem",
    "RunsBulkCreate",
    "RunsRunRead",
    "RunsRunReadErrorType0",
    "RunsRunReadVars",
    "RunStatus",
    "RunSummary",
    "S3UploadBody",
    "SandboxPerson",
    "ScheduleCreate",
    "ScheduleCreateCatchUp",
    "ScheduledTaskSet",
    "ScheduleRead",
    "ScheduleReadCatchUp",
    "ScheduleRunRead",
    "ScheduleSummary",
    "ScheduleSummaryCatchUp",
    "ScheduleUpdate",
    "ScheduleUpdateCatchUpType0",
    "SearchBody",
    "SearchBodyMode",
    "SearchDefaults",
    "SearchDefaultsMode",
    "SearchHit",
    "SearchHitMetadata",
    "SearchResult",
    "SearchResultMode",
    "SecretCreate",
    "SecretKind",
    "SecretRead",
    "SecretUpdate",
    "SendBody",
    "ServiceStatus",
    "SettingsDefaults",
    "SettingsDefaultsDefaults",
    "SettingsDefaultsOrganization",
    "SettingsDefaultsSchema",
    "SettingsRead",
    "SettingsReadOverrides",
    "SettingsReadScope",
    "SettingsReadSettings",
    "SettingsReset",
    "SigningKeyRead",
    "SigningKeyRevealed",
    "SigningKeyRotate",
    "SigningKeyState",
    "SkillProblem",
    "SkillRead",
    "SkillReadFrontMatter",
    "SkillSource",
    "SkillSummary",
    "SkippedOperation",
    "StateChange",
    "StatusCounts",
    "StepRead",
    "StepReadErrorType0",
    "StreamOptions",
    "SubagentCreate",
    "SubagentRunBody",
    "SubagentRunResult",
    "SubagentUpdate",
    "SummarizeBody",
    "SummarizeBodyInputType4",
    "SummarizeBodyStyle",
    "TaskCreate",
    "TaskFromArtifact",
    "TaskRead",
    "TaskUpdate",
    "TemplateSendBody",
    "TimelineApproval",
    "TimelineItem",
    "TimelineItemData",
    "TimelineItemKind",
    "TimelineMessage",
    "TimelineQuery",
    "TimelineQueryKindsItem",
    "TimelineQuestion",
    "TimelineToolCall",
    "TimeRange",
    "TimeSource",
    "TitleGenerated",
    "TitlePut",
    "TitleRead",
    "ToolApprovalBody",
    "ToolApprovalBodyPolicy",
    "ToolAssign",
    "ToolCallRead",
    "ToolCallReadArguments",
    "ToolCreate",
    "ToolCreateApprovalType0",
    "ToolCreateConfig",
    "ToolCreateKind",
    "ToolCreateParametersType0",
    "ToolDraftRead",
    "ToolDryRunBody",
    "ToolDryRunBodyArguments",
    "ToolGenerateBody",
    "ToolImported",
    "ToolRead",
    "ToolReadApproval",
    "ToolReadConfig",
    "ToolReadKind",
    "ToolReadParameters",
    "ToolRunBody",
    "ToolRunBodyArguments",
    "ToolRunResult",
    "ToolRunResultApproval",
    "ToolRunResultArguments",
    "ToolsModelUsage",
    "ToolStats",
    "ToolUpdate",
    "ToolUpdateApprovalType0",
    "ToolUpdateConfigType0",
    "ToolUpdateParametersType0",
    "TranscriptLine",
    "TranscriptSummarize",
    "TranscriptSummary",
    "UploadBody",
    "UploadFileBody",
    "UploadFileBodyFormat",
    "UploadSkillJsonSkillUpload",
    "UsageFigures",
    "UsageModelUsage",
    "UsageRead",
    "UsageSummary",
    "UsageSummaryRange",
    "UseCaseRead",
    "UserBudgetRead",
    "UserBudgetUpdate",
    "UserCreate",
    "UserCreated",
    "UserRead",
    "UserUpdate",
    "UserUsage",
    "VoiceConfigRead",
    "VoiceConfigSet",
    "WabaSend",
    "WabaSendParametersItem",
    "WebhookAnswer",
    "WebhookAnswerData",
    "WebhookBody",
)
