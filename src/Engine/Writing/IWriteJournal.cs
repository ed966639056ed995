namespace QueryEngine.Engine.Writing;

/// <summary>
/// The journal of one running write, kept while the write runs so that a write whose process dies is found and
/// finished or undone by <see cref="WriteRecovery"/>: a locked file in a local warehouse (<see cref="WriteJournal"/>),
/// an object with a renewed lease in a warehouse on an object store (<see cref="LeasedWriteJournal"/>).
/// </summary>
internal interface IWriteJournal : IDisposable
{
    /// <summary>Stops holding the journal but keeps it: a committed write whose files could not all be renamed is finished by the next recovery.</summary>
    void KeepForRecovery();
}
