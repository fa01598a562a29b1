#pragma once

#include "network/transfer/TransferItem.h"

#include <functional>

// The questions the transfer engine needs a person to answer, asked through an interface so the
// GUI (a dialog), the CLI (a prompt or a --on-conflict flag) and tests (a script) answer the same
// questions their own way. Answers may come later; until then the item waits in NeedsAttention
// and the rest of the queue goes on.
class TransferQuestions
{
public:
    struct ConflictAnswer
    {
        ConflictPolicy policy = ConflictPolicy::Skip; // never Ask
        bool applyToBatch = false; // "apply to all" of this drop/command
    };
    using ConflictCallback = std::function<void(ConflictAnswer)>;

    virtual ~TransferQuestions() = default;
    // `item`'s target exists (`existingSize` bytes; -1 for a folder or unknown).
    virtual void askConflict(const TransferItem &item, qint64 existingSize, ConflictCallback answer)
        = 0;
};
