#pragma once

#include "models/LocalExpectation.h"
#include "network/api/FileSpec.h"

#include <QList>
#include <QSet>
#include <functional>

// The difference between the rows a folder shows and a fresh listing of it, matched by name, so
// that a refresh inserts, removes and updates only what changed: rows that stayed keep their
// QPersistentModelIndex (selection and expansion survive). Pure data; computed on a worker thread.
struct ListingDiff
{
    using Order = std::function<bool(const FileSpec &, const FileSpec &)>;

    QList<int> removedRows; // rows of `current`, ascending
    QList<std::pair<int, FileSpec>> changed; // row of `current` and its new metadata
    QList<FileSpec> added; // in `order`: appended in batches
    QSet<QString> settledExpectations; // confirmed by the listing, or expired
    // The answer the diff was computed from, for a re-diff when the rows changed meanwhile.
    // Empty for a first listing: `added` is that answer, only sorted.
    QList<FileSpec> listing;

    // The answer to diff again: one copy of a million entries is ~130 MB, so none is kept.
    QList<FileSpec> answer() const { return listing.isEmpty() ? added : listing; }

    bool isEmpty() const { return removedRows.isEmpty() && changed.isEmpty() && added.isEmpty(); }

    // `current`: what the folder shows, in row order. `listed`: the server's answer. A name that
    // changed between file and folder is removed and added again (it is another thing).
    // `listed` is best moved in: a first listing is then sorted where it lies, without a copy.
    static ListingDiff compute(const QList<FileSpec> &current, QList<FileSpec> listed,
                               const LocalExpectations &expectations, const Order &order);
    // Sorts `specs` stably by `order`, moving each entry once: std::stable_sort on the entries
    // themselves would take a buffer of half of them (~64 MB for a million) and move them ~20
    // times each.
    static void sortStably(QList<FileSpec> &specs, const Order &order);
    // Whether two specs of the same name differ in anything a view shows or sorts by.
    static bool differs(const FileSpec &a, const FileSpec &b);
};
