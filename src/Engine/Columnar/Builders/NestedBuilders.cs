using System.Collections;

namespace QueryEngine.Engine.Columnar;

public sealed class NullBuilder : ArrayBuilder
{
    private int _length;

    public NullBuilder() : base(DataType.Null)
    {
    }

    public override int Length => _length;

    public override void AppendNull() => _length++;

    public override void AppendValue(object? value)
    {
        if (value is not null) throw new ArgumentException("the null type holds only nulls", nameof(value));
        _length++;
    }

    public override ArrowArray Build()
    {
        var array = new NullArray(_length);
        _length = 0;
        return array;
    }
}

/// <summary>Builds lists; boxed values are any <see cref="IEnumerable"/> of element values.</summary>
public sealed class ListBuilder : ArrayBuilder
{
    private readonly List<int> _offsets = [0];
    private ValidityBuilder _validity;
    private int _length;

    public ListBuilder(ListType type) : base(type) => Values = Create(type.Element.Type);

    public ArrayBuilder Values { get; }

    public override int Length => _length;

    /// <summary>Closes a list whose elements were appended to <see cref="Values"/>.</summary>
    public void EndList()
    {
        _offsets.Add(Values.Length);
        if (_validity.NullCount != 0) _validity.Append(_length, true);
        _length++;
    }

    public override void AppendNull()
    {
        _offsets.Add(Values.Length);
        _validity.Append(_length, false);
        _length++;
    }

    public override void AppendValue(object? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }
        foreach (var item in (IEnumerable)value) Values.AppendValue(item);
        EndList();
    }

    public override ArrowArray Build()
    {
        var array = new ListArray((ListType)Type, [.. _offsets], Values.Build(), _length, _validity.Build(), _validity.NullCount);
        _offsets.Clear();
        _offsets.Add(0);
        _length = 0;
        _validity.Reset();
        return array;
    }
}

/// <summary>Builds structs; boxed values are <c>object?[]</c> with one entry per field.</summary>
public sealed class StructBuilder : ArrayBuilder
{
    private ValidityBuilder _validity;
    private int _length;

    public StructBuilder(StructType type) : base(type)
    {
        var children = new ArrayBuilder[type.Fields.Count];
        for (var i = 0; i < children.Length; i++) children[i] = Create(type.Fields[i].Type);
        Children = children;
    }

    public IReadOnlyList<ArrayBuilder> Children { get; }

    public override int Length => _length;

    /// <summary>Closes a row whose field values were appended to <see cref="Children"/>.</summary>
    public void EndStruct()
    {
        if (_validity.NullCount != 0) _validity.Append(_length, true);
        _length++;
    }

    public override void AppendNull()
    {
        foreach (var child in Children) child.AppendNull();
        _validity.Append(_length, false);
        _length++;
    }

    public override void AppendValue(object? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }
        var values = (object?[])value;
        for (var i = 0; i < Children.Count; i++) Children[i].AppendValue(values[i]);
        EndStruct();
    }

    public override ArrowArray Build()
    {
        var children = new ArrowArray[Children.Count];
        for (var i = 0; i < children.Length; i++) children[i] = Children[i].Build();
        var array = new StructArray((StructType)Type, children, _length, _validity.Build(), _validity.NullCount);
        _length = 0;
        _validity.Reset();
        return array;
    }
}

/// <summary>Builds maps; boxed values are enumerables of <see cref="KeyValuePair{TKey,TValue}"/> of object?.</summary>
public sealed class MapBuilder : ArrayBuilder
{
    private readonly List<int> _offsets = [0];
    private ValidityBuilder _validity;
    private int _length;

    public MapBuilder(MapType type) : base(type)
    {
        Keys = Create(type.Key.Type);
        Values = Create(type.Value.Type);
    }

    public ArrayBuilder Keys { get; }

    public ArrayBuilder Values { get; }

    public override int Length => _length;

    public void EndMap()
    {
        _offsets.Add(Keys.Length);
        if (_validity.NullCount != 0) _validity.Append(_length, true);
        _length++;
    }

    public override void AppendNull()
    {
        _offsets.Add(Keys.Length);
        _validity.Append(_length, false);
        _length++;
    }

    public override void AppendValue(object? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }
        foreach (var entry in (IEnumerable<KeyValuePair<object?, object?>>)value)
        {
            Keys.AppendValue(entry.Key);
            Values.AppendValue(entry.Value);
        }
        EndMap();
    }

    public override ArrowArray Build()
    {
        var array = new MapArray((MapType)Type, [.. _offsets], Keys.Build(), Values.Build(), _length, _validity.Build(), _validity.NullCount);
        _offsets.Clear();
        _offsets.Add(0);
        _length = 0;
        _validity.Reset();
        return array;
    }
}
