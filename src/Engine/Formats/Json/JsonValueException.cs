namespace QueryEngine.Engine.Formats.Json;

/// <summary>A JSON value that does not fit its column's type; the scan turns it into a CorruptDataException with the file and line.</summary>
internal sealed class JsonValueException(string message) : Exception(message);
