namespace NexuSql.Internal;

/// <summary>A statement's most recent (shape, mapper) pair, swapped as one reference.</summary>
internal sealed record MapperSlot(MapperKey Key, Delegate Mapper);
