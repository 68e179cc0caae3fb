;; fusexpr wasm kernel sum_f8a__f8 (2 elements per vector)
;; sum($0 > 0)
;; $0: float64[]
(func $sum_f8a__f8 (param $0 i32) (param $1 i32) (param $2 i32)
  (local i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
  v128.const i32x4 0x0 0x0 0x0 0x0
  local.set 7
  v128.const i32x4 0x1010101 0x1010101 0x1010101 0x1010101
  local.set 10
  local.get 2
  i32.const -2
  i32.and
  local.set 4
  local.get 2
  i32.const -8
  i32.and
  local.set 5
  block
    loop
      local.get 3
      local.get 5
      i32.ge_u
      br_if 1
      local.get 0
      v128.load
      local.set 6
      local.get 0
      v128.load offset=16
      local.set 12
      local.get 0
      v128.load offset=32
      local.set 16
      local.get 0
      v128.load offset=48
      local.set 20
      local.get 6
      local.get 7
      f64x2.gt
      local.set 8
      local.get 12
      local.get 7
      f64x2.gt
      local.set 13
      local.get 16
      local.get 7
      f64x2.gt
      local.set 17
      local.get 20
      local.get 7
      f64x2.gt
      local.set 21
      local.get 8
      local.get 8
      i8x16.shuffle 0 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      local.set 9
      local.get 13
      local.get 13
      i8x16.shuffle 0 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      local.set 14
      local.get 17
      local.get 17
      i8x16.shuffle 0 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      local.set 18
      local.get 21
      local.get 21
      i8x16.shuffle 0 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      local.set 22
      local.get 9
      local.get 10
      v128.and
      local.set 11
      local.get 14
      local.get 10
      v128.and
      local.set 15
      local.get 18
      local.get 10
      v128.and
      local.set 19
      local.get 22
      local.get 10
      v128.and
      local.set 23
      local.get 1
      local.get 11
      i32x4.extract_lane 0
      i32.store16
      local.get 1
      local.get 15
      i32x4.extract_lane 0
      i32.store16
      local.get 1
      local.get 19
      i32x4.extract_lane 0
      i32.store16
      local.get 1
      local.get 23
      i32x4.extract_lane 0
      i32.store16
      local.get 0
      i32.const 64
      i32.add
      local.set 0
      local.get 1
      i32.const 8
      i32.add
      local.set 1
      local.get 3
      i32.const 8
      i32.add
      local.set 3
      br 0
    end
  end
  block
    loop
      local.get 3
      local.get 4
      i32.ge_u
      br_if 1
      local.get 0
      v128.load
      local.set 24
      local.get 24
      local.get 7
      f64x2.gt
      local.set 25
      local.get 25
      local.get 25
      i8x16.shuffle 0 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      local.set 26
      local.get 26
      local.get 10
      v128.and
      local.set 27
      local.get 1
      local.get 27
      i32x4.extract_lane 0
      i32.store16
      local.get 0
      i32.const 16
      i32.add
      local.set 0
      local.get 1
      i32.const 2
      i32.add
      local.set 1
      local.get 3
      i32.const 2
      i32.add
      local.set 3
      br 0
    end
  end
  block
    loop
      local.get 3
      local.get 2
      i32.ge_u
      br_if 1
      local.get 0
      v128.load64_zero
      local.set 28
      local.get 28
      local.get 7
      f64x2.gt
      local.set 29
      local.get 29
      local.get 29
      i8x16.shuffle 0 8 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      local.set 30
      local.get 30
      local.get 10
      v128.and
      local.set 31
      local.get 1
      local.get 31
      i32x4.extract_lane 0
      i32.store8
      local.get 0
      i32.const 8
      i32.add
      local.set 0
      local.get 1
      i32.const 1
      i32.add
      local.set 1
      local.get 3
      i32.const 1
      i32.add
      local.set 3
      br 0
    end
  end
)
