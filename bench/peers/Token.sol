// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// The same token as examples/token.weft, written as a plain ERC-20, so that
/// the compile benchmark compares like with like.
contract Token {
    string private tokenName;
    string private tokenSymbol;
    uint256 private supply;
    address private issuer;
    mapping(address => uint256) private balances;
    mapping(address => mapping(address => uint256)) private allowances;

    event Transfer(address indexed from, address indexed to, uint256 amount);
    event Approval(address indexed owner, address indexed spender, uint256 amount);

    error Insufficient(uint256 have, uint256 need);
    error NotIssuer(address caller);

    constructor(string memory name_, string memory symbol_, uint256 supply_) {
        tokenName = name_;
        tokenSymbol = symbol_;
        issuer = msg.sender;
        supply = supply_;
        balances[msg.sender] = supply_;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        move(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowances[from][msg.sender];
        if (allowed < amount) revert Insufficient(allowed, amount);
        allowances[from][msg.sender] = allowed - amount;
        move(from, to, amount);
        return true;
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != issuer) revert NotIssuer(msg.sender);
        supply += amount;
        balances[to] += amount;
        emit Transfer(address(this), to, amount);
    }

    function balanceOf(address who) external view returns (uint256) { return balances[who]; }
    function allowance(address owner, address spender) external view returns (uint256) { return allowances[owner][spender]; }
    function totalSupply() external view returns (uint256) { return supply; }
    function name() external view returns (string memory) { return tokenName; }
    function symbol() external view returns (string memory) { return tokenSymbol; }

    function move(address from, address to, uint256 amount) private {
        uint256 have = balances[from];
        if (have < amount) revert Insufficient(have, amount);
        balances[from] = have - amount;
        balances[to] += amount;
        emit Transfer(from, to, amount);
    }
}
