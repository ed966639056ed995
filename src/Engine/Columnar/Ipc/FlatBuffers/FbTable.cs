namespace QueryEngine.Engine.Columnar.Ipc.FlatBuffers;

/// <summary>
/// A FlatBuffers table under construction: scalar fields and offset fields by slot (the field's position in the
/// schema, counting a union as two slots: its type byte, then its value). Fields that are not set are absent.
/// </summary>
internal sealed class FbTable : FbObject
{
    private readonly List<FbField> _fields = [];

    public IReadOnlyList<FbField> Fields => _fields;

    public FbTable Byte(int slot, byte value) => Scalar(slot, 1, value);

    public FbTable Bool(int slot, bool value) => Scalar(slot, 1, value ? 1 : 0);

    public FbTable Short(int slot, short value) => Scalar(slot, 2, value);

    public FbTable Int(int slot, int value) => Scalar(slot, 4, value);

    public FbTable Long(int slot, long value) => Scalar(slot, 8, value);

    public FbTable Offset(int slot, FbObject target)
    {
        _fields.Add(new FbField(slot, 4, 0, target));
        return this;
    }

    public FbTable String(int slot, string value) => Offset(slot, new FbString(value));

    private FbTable Scalar(int slot, int size, long value)
    {
        _fields.Add(new FbField(slot, size, value, null));
        return this;
    }
}
