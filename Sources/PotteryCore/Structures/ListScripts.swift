import RedisClient

/// The Lua scripts that make a list's read-then-write mutations atomic, so concurrent writers
/// (ours or Python pottery's) never see or leave a half-done change.
///
/// An item is deleted in the middle of a list the way pottery does it: overwrite it with a marker
/// (LSET), then remove the marker (LREM). The marker is not JSON (it holds the byte 0xff), so
/// pottery never stores it; should a foreign writer have stored it anyway, a longer marker that
/// the list does not hold is taken (LPOS), so the wrong item is never removed.
enum ListScripts {
    /// Shared Lua: `marker(key)` a marker absent from the list; `delete_at(key, i, n)` removes the
    /// item at a normalized index `i` of a list of `n` items.
    static let prelude = """
        local function marker(key)
          local m = '\\255pottery:deleted\\255'
          while redis.call('LPOS', key, m) do m = m .. '\\255' end
          return m
        end
        local function delete_at(key, i, n)
          if i == 0 then redis.call('LPOP', key) return end
          if i == n - 1 then redis.call('RPOP', key) return end
          local m = marker(key)
          redis.call('LSET', key, i, m)
          redis.call('LREM', key, 1, m)
        end
        local function normalize(i, n)
          if i < 0 then i = i + n end
          if i < 0 or i >= n then return nil end
          return i
        end

        """

    /// KEYS[1]; ARGV[1] the index, or '' for the last item. Removes and returns the item at the
    /// index; false when the list is empty or the index is out of range.
    static let pop = RedisScript(
        prelude + """
            local n = redis.call('LLEN', KEYS[1])
            if n == 0 then return false end
            local i = n - 1
            if ARGV[1] ~= '' then i = normalize(tonumber(ARGV[1]), n) end
            if not i then return false end
            local v = redis.call('LINDEX', KEYS[1], i)
            delete_at(KEYS[1], i, n)
            return v
            """)

    /// KEYS[1]; ARGV[1] the index, ARGV[2] the value. 1 when set, 0 when out of range.
    static let set = RedisScript(
        prelude + """
            local n = redis.call('LLEN', KEYS[1])
            local i = normalize(tonumber(ARGV[1]), n)
            if not i then return 0 end
            redis.call('LSET', KEYS[1], i, ARGV[2])
            return 1
            """)

    /// KEYS[1]; ARGV[1] the index, ARGV[2] the value, ARGV[3] a deque's maxlen or '': Python's
    /// `list.insert`, which clamps the index and never fails. Returns the new length, or -1 when
    /// the deque is at its maxlen already (`collections.deque.insert` raises then).
    static let insert = RedisScript(
        prelude + """
            local key = KEYS[1]
            local n = redis.call('LLEN', key)
            if ARGV[3] ~= '' and n >= tonumber(ARGV[3]) then return -1 end
            local i = tonumber(ARGV[1])
            if i < 0 then i = i + n; if i < 0 then i = 0 end end
            if i >= n then return redis.call('RPUSH', key, ARGV[2]) end
            if i == 0 then return redis.call('LPUSH', key, ARGV[2]) end
            local pivot = redis.call('LINDEX', key, i)
            local m = marker(key)
            redis.call('LSET', key, i, m)
            redis.call('LINSERT', key, 'BEFORE', m, ARGV[2])
            redis.call('LSET', key, i + 1, pivot)
            return n + 1
            """)

    /// KEYS[1]; ARGV: the length the slice was resolved against, the lowest index, the count and
    /// the (positive) stride. Deletes those items and returns how many, or -1 when the length has
    /// changed (the caller resolves the slice again).
    ///
    /// A run at either end is one LTRIM. Anything else rebuilds the shorter side: the items from
    /// the slice's first index to the end (or from the start to its last index) are read, the list
    /// trimmed there, and the kept ones pushed back in batches: time and script memory grow with
    /// that side, never with the number of deleted items times the length. The TTL is kept.
    static let deleteSlice = RedisScript(
        prelude + """
            local key = KEYS[1]
            local n = redis.call('LLEN', key)
            if n ~= tonumber(ARGV[1]) then return -1 end
            local first, count, step = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            if count == 0 then return 0 end
            if count == 1 then delete_at(key, first, n) return 1 end
            if count == n then redis.call('DEL', key) return count end
            local last = first + (count - 1) * step
            if step == 1 and first == 0 then redis.call('LTRIM', key, last + 1, -1) return count end
            if step == 1 and last == n - 1 then redis.call('LTRIM', key, 0, first - 1) return count end
            local function kept(p) return p < first or p > last or (p - first) % step ~= 0 end
            local ttl = redis.call('PTTL', key)
            local batch = {}
            local function push(command, item)
              batch[#batch + 1] = item
              if #batch == 1000 then redis.call(command, key, unpack(batch)) batch = {} end
            end
            local function flush(command)
              if #batch > 0 then redis.call(command, key, unpack(batch)) batch = {} end
            end
            if first > 0 and (last == n - 1 or n - first <= last + 1) then
              local items = redis.call('LRANGE', key, first, -1)
              redis.call('LTRIM', key, 0, first - 1)
              for index, item in ipairs(items) do
                if kept(first + index - 1) then push('RPUSH', item) end
              end
              flush('RPUSH')
            elseif last < n - 1 then
              local items = redis.call('LRANGE', key, 0, last)
              redis.call('LTRIM', key, last + 1, -1)
              for p = last, 0, -1 do
                if kept(p) then push('LPUSH', items[p + 1]) end
              end
              flush('LPUSH')
            else
              local items = redis.call('LRANGE', key, 0, -1)
              redis.call('DEL', key)
              for index, item in ipairs(items) do
                if kept(index - 1) then push('RPUSH', item) end
              end
              flush('RPUSH')
            end
            if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
            return count
            """)

    /// KEYS[1]; ARGV[1] the index to delete, ARGV[2] the stored item expected there. Deletes it if
    /// it is still there: 1, else 0 (run inside WATCH/MULTI by `remove`, where it always is).
    static let deleteItem = RedisScript(
        prelude + """
            local n = redis.call('LLEN', KEYS[1])
            local i = normalize(tonumber(ARGV[1]), n)
            if not i or redis.call('LINDEX', KEYS[1], i) ~= ARGV[2] then return 0 end
            delete_at(KEYS[1], i, n)
            return 1
            """)
}

extension ListScripts {
    /// KEYS[1]; ARGV[1] 'RPUSH' or 'LPUSH', ARGV[2] the deque's maxlen, ARGV[3...] the items. Pushes
    /// and trims the other end to maxlen, as `collections.deque` does; returns the new length.
    static let pushTrimmed = RedisScript(
        """
        local key, side, maxlen = KEYS[1], ARGV[1], tonumber(ARGV[2])
        local n = redis.call(side, key, unpack(ARGV, 3))
        -- Trimmed only when longer than maxlen, so maxlen (any size) is then a small exact integer.
        if n <= maxlen then return n end
        if maxlen == 0 then
          redis.call('DEL', key)
        elseif side == 'RPUSH' then
          redis.call('LTRIM', key, n - maxlen, -1)
        else
          redis.call('LTRIM', key, 0, maxlen - 1)
        end
        return maxlen
        """)

    /// KEYS[1]; ARGV[1] n in decimal (any size): rotates n steps to the right (left when
    /// negative), as `collections.deque.rotate`. Moves the fewer items: at most half the deque.
    static let rotate = RedisScript(
        """
        local key = KEYS[1]
        local n = redis.call('LLEN', key)
        if n <= 1 then return n end
        local text, negative = ARGV[1], false
        if string.sub(text, 1, 1) == '-' then negative = true; text = string.sub(text, 2) end
        local r = 0
        for i = 1, #text do r = (r * 10 + tonumber(string.sub(text, i, i))) % n end
        if negative then r = (n - r) % n end
        if r == 0 then return n end
        if r <= n - r then
          for _ = 1, r do redis.call('LMOVE', key, key, 'RIGHT', 'LEFT') end
        else
          for _ = 1, n - r do redis.call('LMOVE', key, key, 'LEFT', 'RIGHT') end
        end
        return n
        """)

    /// Shared Lua: `push(key, list, from, to, left)` pushes `list[from..to]` in chunks small enough
    /// for `unpack`.
    static let pushPrelude = """
        local function push(key, list, from, to, left)
          local command = left and 'LPUSH' or 'RPUSH'
          local i = from
          while i <= to do
            local j = math.min(i + 4095, to)
            redis.call(command, key, unpack(list, i, j))
            i = j + 1
          end
        end
        local function keep_ttl(key, ttl)
          if ttl > 0 and redis.call('EXISTS', key) == 1 then redis.call('PEXPIRE', key, ttl) end
        end

        """

    /// KEYS[1]. Reverses the list in place, its time to live kept; its length.
    static let reverse = RedisScript(
        pushPrelude + """
            local items = redis.call('LRANGE', KEYS[1], 0, -1)
            if #items < 2 then return #items end
            local ttl = redis.call('PTTL', KEYS[1])
            redis.call('DEL', KEYS[1])
            push(KEYS[1], items, 1, #items, true)
            keep_ttl(KEYS[1], ttl)
            return #items
            """)

    /// KEYS[1]; ARGV[1] the length the slice was resolved against, ARGV[2] its first index,
    /// ARGV[3] how many items it covers, ARGV[4...] the new items. Replaces those items with the
    /// new ones (Python's `a[i:j] = items`); -1, changing nothing, when the length is not ARGV[1].
    static let replaceRange = RedisScript(
        pushPrelude + """
            local n = redis.call('LLEN', KEYS[1])
            if n ~= tonumber(ARGV[1]) then return -1 end
            local first, covered = tonumber(ARGV[2]), tonumber(ARGV[3])
            local ttl = redis.call('PTTL', KEYS[1])
            if first == 0 then
              if covered > 0 then redis.call('LPOP', KEYS[1], covered) end
              local new = {}
              for i = #ARGV, 4, -1 do new[#new + 1] = ARGV[i] end
              push(KEYS[1], new, 1, #new, true)
            else
              local tail = {}
              if first + covered < n then tail = redis.call('LRANGE', KEYS[1], first + covered, -1) end
              redis.call('LTRIM', KEYS[1], 0, first - 1)
              push(KEYS[1], ARGV, 4, #ARGV, false)
              push(KEYS[1], tail, 1, #tail, false)
            end
            keep_ttl(KEYS[1], ttl)
            return redis.call('LLEN', KEYS[1])
            """)

    /// KEYS[1]; ARGV[1] the length, ARGV[2] the first index, ARGV[3] the step, ARGV[4...] one new
    /// item per index of the extended slice. -1, changing nothing, when the length is not ARGV[1].
    static let assignExtended = RedisScript(
        """
        if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return -1 end
        local index, step = tonumber(ARGV[2]), tonumber(ARGV[3])
        for i = 4, #ARGV do
          redis.call('LSET', KEYS[1], index, ARGV[i])
          index = index + step
        end
        return #ARGV - 3
        """)
}
