// Be a person on a sandbox channel: write as an address, see what the channel sends
// that address (live from the channel's stream), press the buttons it offers.
import { useState, type FormEvent } from "react";
import { api } from "../../api/client";
import type { Envelope } from "../../api/types";
import { ErrorBox, FieldError } from "../../components/ErrorBox";
import { useAction } from "../settings/common";
import { messageText, type Channel, type ChannelMessage, type Contact } from "./types";

export function SandboxPhone({ channel, messages }: { channel: Channel; messages: ChannelMessage[] }) {
  const [address, setAddress] = useState("+14155550123");
  const [name, setName] = useState("");
  const [contactId, setContactId] = useState<string | null>(null);
  const [text, setText] = useState("");
  const action = useAction();
  const mine = contactId ? messages.filter((m) => m.contact_id === contactId) : [];
  const lastOut = [...mine].reverse().find((m) => m.direction === "out");
  const buttons = lastOut?.body.buttons ?? [];

  async function say(body: Record<string, unknown>) {
    await action.run(async () => {
      const answer = await api.post<Envelope<ChannelMessage | null>>(`/channels/${channel.id}/sandbox/messages`, {
        from: address,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...body,
      });
      if (answer.data) setContactId(answer.data.contact_id);
      setText("");
    });
  }

  async function lookUp() {
    // Messages already exchanged with this address (the contact exists once one has).
    await action.run(async () => {
      const found = await api.get<{ data: Contact[] }>("/contacts", { channel_id: channel.id, q: address, size: 10 });
      const contact = found.data.find((c) => c.address.replace(/\s/g, "") === address.replace(/\s/g, ""));
      setContactId(contact?.id ?? null);
    });
  }

  function send(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) void say({ text: text.trim() });
  }

  return (
    <div className="phone-wrap">
      <div className="row">
        <label htmlFor="phone-address">Write as</label>
        <input
          id="phone-address"
          value={address}
          onChange={(e) => {
            setAddress(e.target.value);
            setContactId(null);
          }}
          onBlur={() => void lookUp()}
        />
        <label htmlFor="phone-name">Name</label>
        <input id="phone-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="optional" />
        <FieldError error={action.error} field="from" />
      </div>
      <div className="phone" role="log" aria-label="Sandbox phone" aria-live="polite">
        {mine.length === 0 && <p className="muted">Write something: the channel's answers appear here.</p>}
        {mine.map((m) => (
          <div key={m.id} className={`bubble ${m.direction === "in" ? "user" : "assistant"}`}>
            {messageText(m)}
            <span className="meta">{m.direction === "in" ? "you" : `${channel.name} · ${m.status}`}</span>
          </div>
        ))}
      </div>
      {buttons.length > 0 && (
        <div className="row" aria-label="Answer buttons">
          {buttons.map((b) => (
            <button key={b.id} type="button" onClick={() => void say({ text: b.title, button_id: b.id })}>
              {b.title}
            </button>
          ))}
        </div>
      )}
      <form className="composer" onSubmit={send}>
        <label htmlFor="phone-text" className="sr-only">
          Text message
        </label>
        <textarea id="phone-text" value={text} onChange={(e) => setText(e.target.value)} placeholder="Text message" />
        <button type="submit" className="primary" disabled={action.busy || !text.trim()}>
          Send
        </button>
      </form>
      <FieldError error={action.error} field="text" />
      <ErrorBox error={action.error} title="Not sent" />
    </div>
  );
}
