import torch
import torch.nn as nn


class SmallCNN(nn.Module):
    """Conv/BatchNorm/ReLU/pool blocks in a Sequential, then a classifier head."""

    def __init__(self, num_classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, kernel_size=3, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, kernel_size=3, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d((1, 1)),
        )
        self.flatten = nn.Flatten()
        self.classifier = nn.Linear(16, num_classes)

    def forward(self, x):
        return self.classifier(self.flatten(self.features(x)))
