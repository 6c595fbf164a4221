import { useEffect, useId, useRef, useState } from 'react';
import type { TaggedEntity } from '../../../../shared/sync/mutations';
import { call } from '../../bridge/client';
import { useQuery } from '../../bridge/use-query';
import './tags.css';

/**
 * A call's or a contact's tags, edited where they are shown: each tag with its remove
 * button, and a box that adds one, offering the tags already in use as the agent types
 * (arrow keys pick, Enter adds). Every change is saved at once through the core; tags
 * are a set there, so a colleague's tag added meanwhile is kept. A tag shows in the list
 * only once the core has saved it, and the agent may type the next one meanwhile: the
 * box is emptied only if it still holds what was added.
 */
export function TagEditor({ entity, id, label }: { entity: TaggedEntity; id: string; label: string }) {
  const tags = useQuery('tags.get', { entity, id }, [entity === 'calls' ? 'call' : 'contact']);
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  // What the box holds now, for a save that ends after the agent has typed on.
  const typedNow = useRef('');
  const listId = useId();
  const shown = tags.data?.tags ?? [];

  useEffect(() => {
    const prefix = text.trim();
    if (!prefix) {
      setSuggestions([]);
      return;
    }
    let current = true;
    void call('tags.suggest', { prefix, limit: 8 }).then((found) => {
      if (current) {
        setSuggestions(found.filter((tag) => !shown.includes(tag)));
        setActive(-1);
      }
    });
    return () => {
      current = false;
    };
    // `shown` changes with every save; the suggestions only need the text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const type = (value: string) => {
    typedNow.current = value;
    setText(value);
    // A suggestion picked for the old text is not one for this text: Enter adds what is
    // typed until the agent picks again (a stale pick dropped a typed tag, or added another).
    setActive(-1);
  };

  const change = async (name: 'tags.add' | 'tags.remove', tag: string) => {
    const typed = typedNow.current;
    setError(null);
    try {
      await call(name, { entity, id, tag });
      tags.refetch();
      // Under load the save can end after the agent has typed the next tag: keep that.
      if (name === 'tags.add' && typedNow.current === typed) {
        type('');
        setSuggestions([]);
      }
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && suggestions.length > 0) {
      event.preventDefault();
      setActive((i) => (i + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = (active >= 0 ? suggestions[active] : undefined) ?? text.trim();
      if (chosen) void change('tags.add', chosen);
    } else if (event.key === 'Escape') {
      setSuggestions([]);
      setActive(-1);
    }
  };

  return (
    <div className="tag-editor" data-testid={`tags-${entity}`}>
      <ul className="tag-list" aria-label={label}>
        {shown.map((tag) => (
          <li key={tag} className="tag">
            {tag}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => void change('tags.remove', tag)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="tag-input">
        <input
          type="text"
          role="combobox"
          aria-label="Add a tag"
          aria-autocomplete="list"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          placeholder="Add a tag"
          maxLength={50}
          value={text}
          onChange={(event) => type(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {suggestions.length > 0 && (
          <ul className="tag-suggestions" role="listbox" id={listId} aria-label="Tags in use">
            {suggestions.map((tag, index) => (
              <li
                key={tag}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  void change('tags.add', tag);
                }}
              >
                {tag}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
