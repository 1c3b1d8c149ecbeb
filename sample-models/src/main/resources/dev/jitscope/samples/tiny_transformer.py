import torch
import torch.nn as nn


class TinyTransformer(nn.Module):
    """Token embedding, a 2-layer nn.TransformerEncoder and a classification head."""

    def __init__(self, vocab: int = 50, d_model: int = 32, nhead: int = 4, num_layers: int = 2, num_classes: int = 5):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=64, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers)
        self.head = nn.Linear(d_model, num_classes)

    def forward(self, tokens):
        h = self.encoder(self.embed(tokens))
        return self.head(h.mean(dim=1))
