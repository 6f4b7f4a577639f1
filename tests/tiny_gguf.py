"""A tiny llama-architecture GGUF model written with the ``gguf`` package, for tests (no download).

Random weights, two layers of width 32, and a SentencePiece-style vocabulary that llama.cpp's
``llama`` tokenizer accepts: printable ASCII characters, "▁" for a space, 256 byte tokens for
everything else, and the prefixes of the words of a sample text (the prompt), so that prompt is
a few thousand tokens rather than one per character (a long prompt is what costs time here). Its answers are nonsense by construction. To keep them finite and
the same on every run, every token's embedding carries one large constant feature and the output
layer reads that feature with a fixed score per token, so the model "prefers" the same order of
characters whatever it reads: a quote mark first (strings end at once), then ``{`` before ``]``
before ``,`` (each array gets one item, then closes), digits before letters. Constrained
decoding then picks the best-scored character the JSON schema allows at each step.
"""

from __future__ import annotations

import re
from pathlib import Path

PREFERENCE = '"{]},:1023456789-'
N_EMBD = 32
N_FF = 64
N_LAYERS = 2
N_HEADS = 4
CONTEXT = 32768
CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}\n{% endfor %}<|assistant|>\n"
)


def vocabulary(sample: str = "") -> tuple[list[str], list[float], list[int]]:
    """Tokens, scores and token types: control tokens, characters, byte fallbacks, then every
    prefix of the sample's words (longer prefixes score higher, so words merge whole)."""
    from gguf import TokenType

    tokens = ["<unk>", "<s>", "</s>"]
    types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL]
    chars = ["\u2581", *[chr(c) for c in range(33, 127)]]
    tokens += chars
    types += [TokenType.NORMAL] * len(chars)
    tokens += [f"<0x{b:02X}>" for b in range(256)]
    types += [TokenType.BYTE] * 256
    scores = [0.0] * len(tokens)
    known = set(tokens)
    pieces = re.findall(r"\u2581*[A-Za-z_]+|\u2581+", sample.replace(" ", "\u2581"))
    for word in pieces:
        for end in range(2, min(len(word), 24) + 1):
            piece = word[:end]
            if piece not in known:
                known.add(piece)
                tokens.append(piece)
                types.append(TokenType.NORMAL)
                scores.append(float(end))
    return tokens, scores, [int(t) for t in types]


def write(path: Path, sample: str = "", seed: int = 0) -> Path:
    """Write the model to ``path`` (its vocabulary fitted to ``sample``) and return it."""
    import numpy as np
    from gguf import GGUFWriter

    tokens, scores, types = vocabulary(sample)
    rng = np.random.default_rng(seed)

    def noise(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    embed = noise(len(tokens), N_EMBD)
    embed[:, 0] = 10.0  # the constant feature every position carries
    head = noise(len(tokens), N_EMBD)
    head[:, 0] = 0.0
    for rank, char in enumerate(PREFERENCE):
        head[tokens.index(char), 0] = 2.0 + len(PREFERENCE) - rank
    head[tokens.index("\u2581"), 0] = -1.0  # whitespace last: it never loops

    writer = GGUFWriter(str(path), "llama")
    writer.add_name("summarizer-tiny-test")
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYERS)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEADS)
    writer.add_head_count_kv(N_HEADS)
    writer.add_rope_dimension_count(N_EMBD // N_HEADS)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_unk_token_id(0)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_add_bos_token(True)
    writer.add_chat_template(CHAT_TEMPLATE)

    writer.add_tensor("token_embd.weight", embed)
    writer.add_tensor("output_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    writer.add_tensor("output.weight", head)
    for i in range(N_LAYERS):
        block = f"blk.{i}"
        writer.add_tensor(f"{block}.attn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        for part in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(f"{block}.{part}.weight", noise(N_EMBD, N_EMBD))
        writer.add_tensor(f"{block}.ffn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        writer.add_tensor(f"{block}.ffn_gate.weight", noise(N_FF, N_EMBD))
        writer.add_tensor(f"{block}.ffn_up.weight", noise(N_FF, N_EMBD))
        writer.add_tensor(f"{block}.ffn_down.weight", noise(N_EMBD, N_FF))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
