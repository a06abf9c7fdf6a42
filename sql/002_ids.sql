-- 002: ll_id(prefix) makes a public id inside the server (prefix + 40 base62
-- characters), for bulk data made with INSERT ... SELECT (demo data, data
-- migrations). RANDOM_BYTES() is the server's cryptographic generator; bytes
-- at or above 248 (= 4 * 62) are dropped, so every character is uniform.
-- Request code makes ids in C (lib/ids.c) with libsodium.
DELIMITER //
CREATE FUNCTION ll_id(prefix VARCHAR(16)) RETURNS VARCHAR(64)
NOT DETERMINISTIC NO SQL
BEGIN
  DECLARE alphabet CHAR(62) DEFAULT '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  DECLARE out_s VARCHAR(64) DEFAULT prefix;
  DECLARE pool VARBINARY(64);
  DECLARE i INT;
  DECLARE b INT;
  WHILE CHAR_LENGTH(out_s) < CHAR_LENGTH(prefix) + 40 DO
    SET pool = RANDOM_BYTES(48);
    SET i = 1;
    WHILE i <= 48 AND CHAR_LENGTH(out_s) < CHAR_LENGTH(prefix) + 40 DO
      SET b = ORD(SUBSTRING(pool, i, 1));
      IF b < 248 THEN
        SET out_s = CONCAT(out_s, SUBSTRING(alphabet, (b MOD 62) + 1, 1));
      END IF;
      SET i = i + 1;
    END WHILE;
  END WHILE;
  RETURN out_s;
END//
DELIMITER ;
