namespace QueryEngine.Engine.Sql.Ast;

public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulus,
}

public enum UnarySign
{
    Plus,
    Minus,
}

/// <summary>Comparison operators; <c>!=</c> parses as <see cref="NotEqual"/>.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

public enum LogicalOperator
{
    And,
    Or,
}

public enum Quantifier
{
    All,
    Any,
    Some,
}

/// <summary>Fields accepted by EXTRACT (synonyms such as DOW, DOY, YOW and DAY_OF_MONTH are normalized).</summary>
public enum ExtractField
{
    Year,
    Quarter,
    Month,
    Week,
    Day,
    DayOfWeek,
    DayOfYear,
    YearOfWeek,
    Hour,
    Minute,
    Second,
    TimezoneHour,
    TimezoneMinute,
}

public enum CurrentTimeFunction
{
    CurrentDate,
    CurrentTime,
    CurrentTimestamp,
    LocalTime,
    LocalTimestamp,
}

public enum SessionContextFunction
{
    CurrentUser,
    CurrentCatalog,
    CurrentSchema,
    CurrentPath,
}

public enum TrimSpecification
{
    Both,
    Leading,
    Trailing,
}

public enum NullTreatment
{
    Ignore,
    Respect,
}
