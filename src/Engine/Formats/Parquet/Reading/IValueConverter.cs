namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>A conversion of one physical value, inlined into the assembler's loops.</summary>
internal interface IValueConverter<TFrom, TTo>
{
    static abstract TTo Convert(TFrom value);
}
