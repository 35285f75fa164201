"""Agent tools: definitions by kind, the toolset a chat turn uses, drafting and running them."""
