;; fusexpr wasm kernel map_f8a_f8a_f8a__f8 (2 elements per vector)
;; $0 * $1 + $2
;; $0: float64[], $1: float64[], $2: float64[]
(func $map_f8a_f8a_f8a__f8 (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32)
  (local i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
  local.get 4
  i32.const -2
  i32.and
  local.set 6
  local.get 4
  i32.const -8
  i32.and
  local.set 7
  block
    loop
      local.get 5
      local.get 7
      i32.ge_u
      br_if 1
      local.get 0
      v128.load
      local.set 8
      local.get 0
      v128.load offset=16
      local.set 13
      local.get 0
      v128.load offset=32
      local.set 18
      local.get 0
      v128.load offset=48
      local.set 23
      local.get 1
      v128.load
      local.set 9
      local.get 1
      v128.load offset=16
      local.set 14
      local.get 1
      v128.load offset=32
      local.set 19
      local.get 1
      v128.load offset=48
      local.set 24
      local.get 2
      v128.load
      local.set 10
      local.get 2
      v128.load offset=16
      local.set 15
      local.get 2
      v128.load offset=32
      local.set 20
      local.get 2
      v128.load offset=48
      local.set 25
      local.get 8
      local.get 9
      f64x2.mul
      local.set 11
      local.get 13
      local.get 14
      f64x2.mul
      local.set 16
      local.get 18
      local.get 19
      f64x2.mul
      local.set 21
      local.get 23
      local.get 24
      f64x2.mul
      local.set 26
      local.get 11
      local.get 10
      f64x2.add
      local.set 12
      local.get 16
      local.get 15
      f64x2.add
      local.set 17
      local.get 21
      local.get 20
      f64x2.add
      local.set 22
      local.get 26
      local.get 25
      f64x2.add
      local.set 27
      local.get 3
      local.get 12
      v128.store
      local.get 3
      local.get 17
      v128.store offset=16
      local.get 3
      local.get 22
      v128.store offset=32
      local.get 3
      local.get 27
      v128.store offset=48
      local.get 0
      i32.const 64
      i32.add
      local.set 0
      local.get 1
      i32.const 64
      i32.add
      local.set 1
      local.get 2
      i32.const 64
      i32.add
      local.set 2
      local.get 3
      i32.const 64
      i32.add
      local.set 3
      local.get 5
      i32.const 8
      i32.add
      local.set 5
      br 0
    end
  end
  block
    loop
      local.get 5
      local.get 6
      i32.ge_u
      br_if 1
      local.get 0
      v128.load
      local.set 28
      local.get 1
      v128.load
      local.set 29
      local.get 2
      v128.load
      local.set 30
      local.get 28
      local.get 29
      f64x2.mul
      local.set 31
      local.get 31
      local.get 30
      f64x2.add
      local.set 32
      local.get 3
      local.get 32
      v128.store
      local.get 0
      i32.const 16
      i32.add
      local.set 0
      local.get 1
      i32.const 16
      i32.add
      local.set 1
      local.get 2
      i32.const 16
      i32.add
      local.set 2
      local.get 3
      i32.const 16
      i32.add
      local.set 3
      local.get 5
      i32.const 2
      i32.add
      local.set 5
      br 0
    end
  end
  block
    loop
      local.get 5
      local.get 4
      i32.ge_u
      br_if 1
      local.get 0
      v128.load64_zero
      local.set 33
      local.get 1
      v128.load64_zero
      local.set 34
      local.get 2
      v128.load64_zero
      local.set 35
      local.get 33
      local.get 34
      f64x2.mul
      local.set 36
      local.get 36
      local.get 35
      f64x2.add
      local.set 37
      local.get 3
      local.get 37
      v128.store64_lane 0
      local.get 0
      i32.const 8
      i32.add
      local.set 0
      local.get 1
      i32.const 8
      i32.add
      local.set 1
      local.get 2
      i32.const 8
      i32.add
      local.set 2
      local.get 3
      i32.const 8
      i32.add
      local.set 3
      local.get 5
      i32.const 1
      i32.add
      local.set 5
      br 0
    end
  end
)
