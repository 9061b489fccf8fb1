// PotteryCore's API speaks in JSON values and Redis connections; import both with it.
@_exported import PotteryJSON
@_exported import RedisClient
