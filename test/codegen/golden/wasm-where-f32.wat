;; fusexpr wasm kernel map_f4a__f4 (4 elements per vector)
;; where($0 > 0, sqrt($0), -$0) * 2.5
;; $0: float32[]
(func $map_f4a__f4 (param $0 i32) (param $1 i32) (param $2 i32)
  (local i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
  v128.const i32x4 0x0 0x0 0x0 0x0
  local.set 7
  v128.const i32x4 0x40200000 0x40200000 0x40200000 0x40200000
  local.set 12
  local.get 2
  i32.const -4
  i32.and
  local.set 4
  local.get 2
  i32.const -16
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
      local.set 14
      local.get 0
      v128.load offset=32
      local.set 20
      local.get 0
      v128.load offset=48
      local.set 26
      local.get 6
      local.get 7
      f32x4.gt
      local.set 8
      local.get 14
      local.get 7
      f32x4.gt
      local.set 15
      local.get 20
      local.get 7
      f32x4.gt
      local.set 21
      local.get 26
      local.get 7
      f32x4.gt
      local.set 27
      local.get 6
      f32x4.sqrt
      local.set 9
      local.get 14
      f32x4.sqrt
      local.set 16
      local.get 20
      f32x4.sqrt
      local.set 22
      local.get 26
      f32x4.sqrt
      local.set 28
      local.get 6
      f32x4.neg
      local.set 10
      local.get 14
      f32x4.neg
      local.set 17
      local.get 20
      f32x4.neg
      local.set 23
      local.get 26
      f32x4.neg
      local.set 29
      local.get 9
      local.get 10
      local.get 8
      v128.bitselect
      local.set 11
      local.get 16
      local.get 17
      local.get 15
      v128.bitselect
      local.set 18
      local.get 22
      local.get 23
      local.get 21
      v128.bitselect
      local.set 24
      local.get 28
      local.get 29
      local.get 27
      v128.bitselect
      local.set 30
      local.get 11
      local.get 12
      f32x4.mul
      local.set 13
      local.get 18
      local.get 12
      f32x4.mul
      local.set 19
      local.get 24
      local.get 12
      f32x4.mul
      local.set 25
      local.get 30
      local.get 12
      f32x4.mul
      local.set 31
      local.get 1
      local.get 13
      v128.store
      local.get 1
      local.get 19
      v128.store offset=16
      local.get 1
      local.get 25
      v128.store offset=32
      local.get 1
      local.get 31
      v128.store offset=48
      local.get 0
      i32.const 64
      i32.add
      local.set 0
      local.get 1
      i32.const 64
      i32.add
      local.set 1
      local.get 3
      i32.const 16
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
      local.set 32
      local.get 32
      local.get 7
      f32x4.gt
      local.set 33
      local.get 32
      f32x4.sqrt
      local.set 34
      local.get 32
      f32x4.neg
      local.set 35
      local.get 34
      local.get 35
      local.get 33
      v128.bitselect
      local.set 36
      local.get 36
      local.get 12
      f32x4.mul
      local.set 37
      local.get 1
      local.get 37
      v128.store
      local.get 0
      i32.const 16
      i32.add
      local.set 0
      local.get 1
      i32.const 16
      i32.add
      local.set 1
      local.get 3
      i32.const 4
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
      v128.load32_zero
      local.set 38
      local.get 38
      local.get 7
      f32x4.gt
      local.set 39
      local.get 38
      f32x4.sqrt
      local.set 40
      local.get 38
      f32x4.neg
      local.set 41
      local.get 40
      local.get 41
      local.get 39
      v128.bitselect
      local.set 42
      local.get 42
      local.get 12
      f32x4.mul
      local.set 43
      local.get 1
      local.get 43
      v128.store32_lane 0
      local.get 0
      i32.const 4
      i32.add
      local.set 0
      local.get 1
      i32.const 4
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
