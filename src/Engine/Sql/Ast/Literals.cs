namespace QueryEngine.Engine.Sql.Ast;

public abstract record Literal : Expression;

/// <summary>An integer literal that fits in a long (larger ones become <see cref="DecimalLiteral"/>).</summary>
public sealed record LongLiteral(long Value) : Literal;

/// <summary>An exact numeric literal such as <c>0.05</c>, kept as written (no exponent).</summary>
public sealed record DecimalLiteral(string Value) : Literal;

/// <summary>An approximate numeric literal with an exponent, such as <c>1e3</c>.</summary>
public sealed record DoubleLiteral(double Value) : Literal;

public sealed record StringLiteral(string Value) : Literal;

/// <summary><c>X'AB01'</c>: the hex digits, upper-cased, always an even count.</summary>
public sealed record BinaryLiteral(string Hex) : Literal
{
    public byte[] GetBytes() => Convert.FromHexString(Hex);
}

public sealed record BooleanLiteral(bool Value) : Literal;

public sealed record NullLiteral : Literal;

/// <summary><c>DATE '2020-01-01'</c>, <c>TIMESTAMP '...'</c>, <c>DECIMAL '1.5'</c>, ...: a type name
/// (lower-cased, e.g. "date", "timestamp", "time") and the string value.</summary>
public sealed record GenericLiteral(string Type, string Value) : Literal;

public enum IntervalSign
{
    Positive,
    Negative,
}

public enum IntervalField
{
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

/// <summary><c>INTERVAL [+|-] '3' MONTH</c>, <c>INTERVAL '1-2' YEAR TO MONTH</c>.</summary>
public sealed record IntervalLiteral(string Value, IntervalSign Sign, IntervalField StartField, IntervalField? EndField) : Literal;
