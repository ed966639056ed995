using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>The type letters of a <c>query</c> record and the result types each one accepts.</summary>
public static class SltTypes
{
    public static bool IsLetter(char letter) => letter is 'I' or 'R' or 'T' or 'B' or 'D';

    /// <summary>The letter a column of this type is written with; NULL-typed columns get 'T' but match any letter; intervals and TIME are 'T'.</summary>
    public static char LetterOf(DataType type) => type.Id switch
    {
        _ when type is IntervalType or TimeType => 'T',
        TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 => 'I',
        TypeId.Float32 or TypeId.Float64 or TypeId.Decimal128 => 'R',
        TypeId.Boolean => 'B',
        TypeId.Date32 or TypeId.Timestamp => 'D',
        _ => 'T',
    };

    public static bool Matches(char letter, DataType type) => type.Id == TypeId.Null || LetterOf(type) == letter;

    public static string LettersOf(Schema schema)
    {
        var letters = new char[schema.Count];
        for (var i = 0; i < letters.Length; i++) letters[i] = LetterOf(schema[i].Type);
        return new string(letters);
    }
}
