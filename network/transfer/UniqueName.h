#pragma once

#include <QString>
#include <functional>

// "weights.safetensors" -> "weights (1).safetensors", "weights (2).safetensors", ... the first one
// `isTaken` says is free: the "keep both" answer to a conflict, locally and remotely.
struct UniqueName
{
    static QString pick(const QString &name, const std::function<bool(const QString &)> &isTaken);
};
